#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;

namespace Knot {

class TerminalSession;
class TerminalView;

// One terminal in a tab: the view plus a bar that says why the session ended ("Shell exited
// (code 0)", "Space stopped", …) and offers Reconnect, which opens a fresh session from the factory.
class TerminalTab : public QWidget
{
    Q_OBJECT

public:
    // Makes a new session owned by `parent`; called at once and on every Reconnect.
    using SessionFactory = std::function<TerminalSession*(QObject* parent)>;

    explicit TerminalTab(SessionFactory factory, QWidget* parent = nullptr);

    TerminalView* view() const { return m_view; }
    TerminalSession* session() const { return m_session; }
    // The closed reason shown on the bar; empty while the session runs.
    QString closedReason() const { return m_closedReason; }

    void reconnect();

Q_SIGNALS:
    void titleChanged(const QString& title);

private:
    void onClosed(const QString& reason);

    SessionFactory m_factory;
    TerminalView* m_view = nullptr;
    QWidget* m_bar = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_reconnect = nullptr;
    TerminalSession* m_session = nullptr;
    QString m_closedReason;
};

} // namespace Knot
