#pragma once

#include <QFrame>

class QLabel;
class QTimer;
class QToolButton;

namespace Knot {

// The inline message bar every page and dialog shows its errors in, where the user acted.
// Info messages hide themselves after a while; warnings and errors stay until closed or replaced.
class MessageWidget : public QFrame
{
    Q_OBJECT

public:
    enum class Type
    {
        Info,
        Warning,
        Error,
    };

    explicit MessageWidget(QWidget* parent = nullptr);

    void showMessage(const QString& text, Type type);
    void showInfo(const QString& text) { showMessage(text, Type::Info); }
    void showWarning(const QString& text) { showMessage(text, Type::Warning); }
    void showError(const QString& text) { showMessage(text, Type::Error); }
    void hideMessage();

    QString text() const;
    Type type() const { return m_type; }
    // 0 disables auto-hide; applies to Info messages only.
    void setAutoHideTimeout(int milliseconds);

Q_SIGNALS:
    void linkActivated(const QString& link);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    Type m_type = Type::Info;
    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
    QTimer* m_autoHide;
    int m_autoHideTimeout = 6000;
};

} // namespace Knot
