#pragma once

#include "ui/iconcache.h"
#include "ui/serviceicon.h"

#include <QHash>

#include <QObject>
#include <array>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace Knot {

class PortsMenu;
class SpaceListModel;
struct PortEntry;

// The system tray entry. It owns only the icon and its menu (every space with its state and
// Start/Stop/Restart; for running spaces Open Terminal, Open Desktop and a Ports submenu the
// owner fills when it opens; Open Knot Desktop, Quit) and signals intent; the main window decides what
// closing the window means, and only hides to the tray when isActive().
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(SpaceListModel* spaces, QObject* parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    // Shows the icon if the desktop has a tray.
    void show();
    void hide();
    bool isActive() const;
    void showNotification(const QString& title, const QString& text);

    QMenu* menu() const { return m_menu; }
    bool showsRunningIcon() const { return m_running; }

Q_SIGNALS:
    void showWindowRequested();
    void quitRequested();
    void startRequested(const QString& spaceId);
    void stopRequested(const QString& spaceId);
    void restartRequested(const QString& spaceId);
    void openTerminalRequested(const QString& spaceId);
    void openDesktopRequested(const QString& spaceId);
    // A space's Ports submenu is about to show: fill it (PortsMenu::spaceId() says whose).
    void portsMenuAboutToShow(Knot::PortsMenu* menu);
    void portOpenRequested(const Knot::PortEntry& entry);
    void portCopyRequested(const Knot::PortEntry& entry);
    // Every notification, shown or not (there may be no tray), for tests and logs.
    void notified(const QString& title, const QString& text);

private:
    // One space's submenu. Its actions live as long as the space; only the service entries come and
    // go, so an action never disappears while it is being triggered.
    struct SpaceMenu
    {
        QMenu* menu = nullptr;
        QAction* start = nullptr; // null for manual templates
        QAction* stop = nullptr;
        QAction* restart = nullptr;
        // In menu order: a separator, Open Terminal, Open Desktop, Ports; null while not shown.
        std::array<QAction*, 4> serviceActions {};
    };

    // Rows added, removed or reset: the whole menu again.
    void rebuild();
    // Rows changed (the frequent case: a state change): only their submenus, so a burst of changes
    // costs O(changes), not O(changes x spaces).
    void updateRows(int first, int last);
    void updateSpaceMenu(SpaceMenu& entry, int row);
    void setServices(SpaceMenu& entry, const QString& spaceId, ServiceIcons services);
    void updateIcon();

    SpaceListModel* m_spaces;
    QMenu* m_menu;
    QSystemTrayIcon* m_tray;
    QHash<QString, SpaceMenu> m_spaceMenus;
    IconCache m_icons;
    bool m_running = false;
};

} // namespace Knot
