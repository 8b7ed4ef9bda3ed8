#pragma once

#include "core/engine/engineclient.h"
#include "core/model/space.h"
#include "core/terminal/shelllauncher.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>

class QSettings;
class QTabWidget;

namespace Knot {

class TerminalTab;

// The terminal window: one tab per shell, several per space. A tab's title is the space's name
// (numbered when the space has more than one tab) followed by the title the shell sets (OSC 0/2).
// Shortcuts: Ctrl+Shift+T new tab for the current tab's space, Ctrl+Shift+W close the tab,
// Ctrl+Shift+PgDown / Ctrl+Shift+PgUp next / previous tab. Closing the window closes every tab
// (each detaches its exec); the geometry is kept under `geometryKey` in `settings`.
class TerminalWindow : public QMainWindow
{
    Q_OBJECT

public:
    TerminalWindow(QSettings* settings, const QString& geometryKey, QWidget* parent = nullptr);
    ~TerminalWindow() override;

    // Opens a tab running `command` in the space's container, shows and raises the window.
    TerminalTab*
    openTerminal(const Space& space, EngineClient* client, const QString& containerId, const ShellCommand& command);
    // The space left Running: its open sessions end with "Space stopped".
    void spaceStopped(const QString& spaceId);
    // The space runs (again) in `containerId`: Reconnect and new tabs go there.
    void spaceStarted(const QString& spaceId, EngineClient* client, const QString& containerId);

    int count() const;
    TerminalTab* tab(int index) const;
    TerminalTab* currentTab() const;
    QString tabTitle(int index) const;
    QString spaceIdOf(const TerminalTab* tab) const;

    void closeTab(int index);
    // Another tab like the current one (same space, same command).
    TerminalTab* duplicateCurrentTab();
    void nextTab();
    void previousTab();

    // Lines of scrollback for every tab, open ones included (SettingsStore's scrollbackLines).
    void setScrollbackCapacity(int lines);
    int scrollbackCapacity() const { return m_scrollback; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // Where a space's terminals go; shared by its tabs so a restart's new container reaches them.
    struct Target
    {
        QString spaceId;
        QString spaceName;
        QPointer<EngineClient> client;
        QString containerId;
    };
    struct TabInfo
    {
        std::shared_ptr<Target> target;
        ShellCommand command;
        int number = 1;
        QString title; // from the shell
    };

    TerminalTab* addTab(std::shared_ptr<Target> target, const ShellCommand& command);
    void updateTitle(TerminalTab* tab);
    void saveGeometry();

    QSettings* m_settings;
    QString m_geometryKey;
    QTabWidget* m_tabs;
    QHash<QString, std::shared_ptr<Target>> m_targets; // by space id
    QHash<const TerminalTab*, TabInfo> m_info;
    int m_scrollback;
};

} // namespace Knot
