#include "ui/trayicon.h"

#include "core/model/space.h"
#include "ui/icons.h"
#include "ui/palettecolors.h"
#include "ui/portsmenu.h"
#include "ui/serviceicon.h"
#include "ui/spacelistmodel.h"

#include <QGuiApplication>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

namespace Knot {

namespace {

// The app icon with a green dot in the corner while any space runs.
QIcon trayIconFor(bool running)
{
    const QIcon base = Icons::app();
    if (!running) {
        return base;
    }
    QIcon icon;
    for (const int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size, size);
        if (pixmap.isNull()) {
            pixmap = QPixmap(size, size);
            pixmap.fill(Qt::transparent);
        }
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal dot = size * 0.45;
        painter.setPen(QPen(QColor(QStringLiteral("#ffffff")), size / 16.0));
        painter.setBrush(QColor(QStringLiteral("#2fb35a")));
        painter.drawEllipse(QRectF(size - dot - 1, size - dot - 1, dot, dot));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

TrayIcon::TrayIcon(SpaceListModel* spaces, QObject* parent)
    : QObject(parent), m_spaces(spaces), m_menu(new QMenu), m_tray(new QSystemTrayIcon(this))
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
            Q_EMIT showWindowRequested();
        }
    });
    connect(m_spaces, &QAbstractItemModel::modelReset, this, &TrayIcon::rebuild);
    connect(m_spaces, &QAbstractItemModel::rowsInserted, this, &TrayIcon::rebuild);
    connect(m_spaces, &QAbstractItemModel::rowsRemoved, this, &TrayIcon::rebuild);
    connect(m_spaces,
            &QAbstractItemModel::dataChanged,
            this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                updateRows(topLeft.row(), bottomRight.row());
            });
    rebuild();
}

TrayIcon::~TrayIcon()
{
    // QSystemTrayIcon does not own its context menu.
    delete m_menu;
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    if (isAvailable()) {
        m_tray->show();
    }
}

void TrayIcon::hide()
{
    m_tray->hide();
}

bool TrayIcon::isActive() const
{
    return isAvailable() && m_tray->isVisible();
}

void TrayIcon::showNotification(const QString& title, const QString& text)
{
    Q_EMIT notified(title, text);
    if (isActive() && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, text, m_tray->icon());
    }
}

void TrayIcon::setServices(SpaceMenu& entry, const QString& id, ServiceIcons services)
{
    // Entry by entry, so an open submenu (Ports) survives when another service comes or goes.
    const std::array<bool, 4> wanted {
        bool(services & (ServiceIcon::WebTerminal | ServiceIcon::Vnc | ServiceIcon::Ports)),
        services.testFlag(ServiceIcon::WebTerminal),
        services.testFlag(ServiceIcon::Vnc),
        services.testFlag(ServiceIcon::Ports),
    };
    for (std::size_t slot = 0; slot < wanted.size(); ++slot) {
        QAction*& action = entry.serviceActions[slot];
        if (bool(action) == wanted[slot]) {
            continue;
        }
        if (action) {
            entry.menu->removeAction(action);
            // Later: the Ports submenu may be the one whose signal led here.
            if (QMenu* sub = action->menu()) {
                sub->setObjectName(QString());
                sub->deleteLater(); // and with it its menu action
            } else {
                action->deleteLater();
            }
            action = nullptr;
            continue;
        }
        QMenu* sub = entry.menu;
        switch (slot) {
        case 0:
            action = new QAction(sub);
            action->setSeparator(true);
            break;
        case 1:
            action = new QAction(tr("Open Terminal"), sub);
            action->setObjectName(QStringLiteral("trayTerminalAction"));
            connect(action, &QAction::triggered, this, [this, id] { Q_EMIT openTerminalRequested(id); });
            break;
        case 2:
            action = new QAction(tr("Open Desktop"), sub);
            action->setObjectName(QStringLiteral("trayDesktopAction"));
            connect(action, &QAction::triggered, this, [this, id] { Q_EMIT openDesktopRequested(id); });
            break;
        default: {
            auto* ports = new PortsMenu(id, sub);
            ports->setObjectName(QStringLiteral("trayPortsMenu"));
            connect(ports, &QMenu::aboutToShow, this, [this, ports] { Q_EMIT portsMenuAboutToShow(ports); });
            connect(ports, &PortsMenu::openRequested, this, &TrayIcon::portOpenRequested);
            connect(ports, &PortsMenu::copyRequested, this, &TrayIcon::portCopyRequested);
            action = ports->menuAction();
            break;
        }
        }
        // Before the next entry that is shown, to keep the order.
        QAction* before = nullptr;
        for (std::size_t next = slot + 1; next < wanted.size() && !before; ++next) {
            before = entry.serviceActions[next];
        }
        sub->insertAction(before, action);
    }
}

void TrayIcon::rebuild()
{
    m_menu->clear();
    m_spaceMenus.clear();
    // clear() leaves submenus alive; a submenu may be the one whose action triggered this rebuild,
    // so it goes later, and loses its name at once.
    for (QMenu* old : m_menu->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly)) {
        old->setObjectName(QString());
        old->deleteLater();
    }
    for (const Space& space : m_spaces->spaces()) {
        SpaceMenu entry;
        entry.menu = m_menu->addMenu(QString());
        entry.menu->setObjectName(QStringLiteral("traySpace_") + space.name);
        const int row = m_spaces->rowOf(space.id);
        const QString id = space.id;
        if (!m_spaces->index(row).data(SpaceListModel::ManualRole).toBool()) {
            entry.start = entry.menu->addAction(tr("Start"), this, [this, id] { Q_EMIT startRequested(id); });
            entry.start->setObjectName(QStringLiteral("trayStartAction"));
        }
        entry.stop = entry.menu->addAction(tr("Stop"), this, [this, id] { Q_EMIT stopRequested(id); });
        entry.stop->setObjectName(QStringLiteral("trayStopAction"));
        entry.restart = entry.menu->addAction(tr("Restart"), this, [this, id] { Q_EMIT restartRequested(id); });
        entry.restart->setObjectName(QStringLiteral("trayRestartAction"));
        updateSpaceMenu(m_spaceMenus.insert(id, entry).value(), row);
    }
    if (!m_spaces->spaces().isEmpty()) {
        m_menu->addSeparator();
    }
    QAction* open = m_menu->addAction(tr("Open Knot Desktop"), this, &TrayIcon::showWindowRequested);
    open->setObjectName(QStringLiteral("trayOpenAction"));
    QAction* quit = m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    quit->setObjectName(QStringLiteral("trayQuitAction"));
    updateIcon();
}

void TrayIcon::updateRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const auto entry = m_spaceMenus.find(m_spaces->index(row).data(SpaceListModel::IdRole).toString());
        if (entry == m_spaceMenus.end()) {
            rebuild();
            return;
        }
        updateSpaceMenu(*entry, row);
    }
    updateIcon();
}

void TrayIcon::updateSpaceMenu(SpaceMenu& entry, int row)
{
    const Space& space = m_spaces->spaces().at(row);
    entry.menu->setObjectName(QStringLiteral("traySpace_") + space.name); // a rename follows
    entry.menu->setTitle(tr("%1 — %2").arg(space.name, toText(space.state)));
    entry.menu->setIcon(m_icons.dot(PaletteColors::forState(space.state, m_menu->palette())));
    if (entry.start) {
        entry.start->setEnabled(space.state == SpaceState::Stopped || space.state == SpaceState::Failed);
    }
    entry.stop->setEnabled(space.state == SpaceState::Running || space.state == SpaceState::Starting
                           || space.state == SpaceState::Failed);
    entry.restart->setEnabled(space.state == SpaceState::Running);
    setServices(entry,
                space.id,
                space.state == SpaceState::Running
                    ? ServiceIcons(m_spaces->index(row).data(SpaceListModel::VisibleServicesRole).toInt())
                    : ServiceIcons());
}

void TrayIcon::updateIcon()
{
    const bool running = m_spaces->anyRunning();
    if (running != m_running || m_tray->icon().isNull()) {
        m_running = running;
        m_tray->setIcon(trayIconFor(running));
    }
    int count = 0;
    for (const Space& space : m_spaces->spaces()) {
        count += space.state == SpaceState::Running ? 1 : 0;
    }
    const QString tip = count == 0 ? tr("Knot Desktop") : tr("Knot Desktop — %1 running").arg(count);
    if (m_tray->toolTip() != tip) {
        m_tray->setToolTip(tip);
    }
}

} // namespace Knot
