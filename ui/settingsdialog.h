#pragma once

#include "core/model/enginerecord.h"
#include "core/result.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Knot {

class AppSettings;
class MessageWidget;

// Settings: engines (list, add a Unix socket or TCP endpoint, test, default, remove), appearance
// (style, theme), close-to-tray, default shell and terminal scrollback. Preferences are written to
// AppSettings on OK; the engine list is handed back through enginesChanged() for the store.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // Tests a connection without blocking; calls `done` later with a description of the engine
    // ("Podman 4.3.1") or the error.
    using ConnectionTester =
        std::function<void(const EngineRecord& engine, std::function<void(const Result<QString>&)> done)>;

    SettingsDialog(AppSettings* settings,
                   const QList<EngineRecord>& engines,
                   ConnectionTester tester,
                   QWidget* parent = nullptr);

    QList<EngineRecord> engines() const { return m_engines; }
    MessageWidget* messageWidget() const { return m_message; }

    // "unix:///path" for an absolute socket path, "tcp://host:port" for host:port; an error otherwise.
    static Result<QString> endpointFor(bool unixSocket, const QString& address);

    void accept() override;

Q_SIGNALS:
    void enginesChanged(const QList<Knot::EngineRecord>& engines);
    void appearanceChanged();

private:
    QWidget* createEnginesTab();
    QWidget* createAppearanceTab();
    QWidget* createSpacesTab();
    void refreshEngines();
    void addEngine();
    void removeEngine();
    void setDefaultEngine();
    void testEngine();
    void showTestResult(const EngineRecord& engine, const Result<QString>& result);
    int selectedEngine() const;

    AppSettings* m_settings;
    QList<EngineRecord> m_engines;
    bool m_enginesChanged = false;
    ConnectionTester m_tester;
    MessageWidget* m_message;
    QListWidget* m_engineList = nullptr;
    QLineEdit* m_engineName = nullptr;
    QComboBox* m_engineType = nullptr;
    QLineEdit* m_engineAddress = nullptr;
    QPushButton* m_removeEngine = nullptr;
    QPushButton* m_defaultEngine = nullptr;
    QPushButton* m_testEngine = nullptr;
    QComboBox* m_style = nullptr;
    QComboBox* m_theme = nullptr;
    QCheckBox* m_closeToTray = nullptr;
    QComboBox* m_shell = nullptr;
    QSpinBox* m_scrollback = nullptr;
};

} // namespace Knot
