#pragma once

#include "ui/serviceicon.h"

#include <QObject>

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
    void rebuild();
    void addServices(QMenu* sub, const QString& spaceId, ServiceIcons services);

    SpaceListModel* m_spaces;
    QMenu* m_menu;
    QSystemTrayIcon* m_tray;
    bool m_running = false;
};

} // namespace Knot
