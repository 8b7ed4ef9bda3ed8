#pragma once

#include "core/engine/engineendpoint.h"

#include "core/engine/enginetypes.h"
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
class SettingsStore;

// Settings: engines (list, add a Unix socket, TCP or SSH endpoint, test, default, remove), appearance
// (style, theme), close-to-tray, default shell and terminal scrollback. On OK the look is written
// to AppSettings, the shell and scrollback to the database's SettingsStore (the command-line tool
// reads them too), and the engine list is handed back through enginesChanged() for the EngineStore.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // Tests a connection without blocking; calls `done` later with what the engine says it is,
    // or the error.
    using ConnectionTester =
        std::function<void(const EngineRecord& engine, std::function<void(const Result<EngineVersion>&)> done)>;

    SettingsDialog(AppSettings* settings,
                   SettingsStore* store,
                   const QList<EngineRecord>& engines,
                   ConnectionTester tester,
                   QWidget* parent = nullptr);

    QList<EngineRecord> engines() const { return m_engines; }
    MessageWidget* messageWidget() const { return m_message; }

    // "unix:///path" for an absolute socket path, "tcp://host:port" for host:port,
    // "ssh://[user@]host[:port][/socket]" for [user@]host[:port][/socket]; an error otherwise.
    static Result<QString> endpointFor(EngineEndpoint::Transport transport, const QString& address);
    // "Podman 4.3.1, API 1.41 (linux/amd64)".
    static QString describe(const EngineVersion& version);
    bool isTesting() const { return m_testing >= 0; }

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
    void cancelTest();
    void showTestResult(const QString& engineId, const Result<EngineVersion>& result);
    void updateEngineButtons();
    int selectedEngine() const;

    AppSettings* m_settings;
    SettingsStore* m_store;
    QList<EngineRecord> m_engines;
    // The test in flight (its number; -1: none). A cancelled test's late answer is ignored.
    int m_testing = -1;
    int m_tests = 0;
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
