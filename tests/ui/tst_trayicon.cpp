#include "sampledata.h"
#include "ui/portsmenu.h"
#include "ui/spacelistmodel.h"
#include "ui/trayicon.h"

#include <QAction>
#include <QMenu>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Knot;

class TestTrayIcon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void menuListsEverySpace()
    {
        SpaceListModel model;
        model.setTemplates(SampleData::templates(), {});
        model.setSpaces(SampleData::spaces());
        TrayIcon tray(&model);
        QVERIFY(tray.showsRunningIcon());

        const auto menus = tray.menu()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly);
        QCOMPARE(menus.size(), 5);
        auto* running = tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_api-server"));
        QVERIFY(running);
        QCOMPARE(running->title(), QStringLiteral("api-server — Running"));
        QVERIFY(!running->findChild<QAction*>(QStringLiteral("trayStartAction"))->isEnabled());

        QSignalSpy stop(&tray, &TrayIcon::stopRequested);
        running->findChild<QAction*>(QStringLiteral("trayStopAction"))->trigger();
        QCOMPARE(stop.count(), 1);
        QCOMPARE(stop.first().first().toString(), QStringLiteral("s1"));

        // A running space offers its services; the template's VNC gives Open Desktop.
        QSignalSpy terminal(&tray, &TrayIcon::openTerminalRequested);
        running->findChild<QAction*>(QStringLiteral("trayTerminalAction"))->trigger();
        QCOMPARE(terminal.count(), 1);
        QVERIFY(running->findChild<QAction*>(QStringLiteral("trayDesktopAction")));
        auto* ports = running->findChild<PortsMenu*>(QStringLiteral("trayPortsMenu"));
        QVERIFY(ports);
        QSignalSpy portsShown(&tray, &TrayIcon::portsMenuAboutToShow);
        Q_EMIT ports->aboutToShow();
        QCOMPARE(portsShown.count(), 1);
        QCOMPARE(ports->spaceId(), QStringLiteral("s1"));
        // A stopped one does not.
        auto* stopped = tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_docs"));
        QVERIFY(!stopped->findChild<QAction*>(QStringLiteral("trayTerminalAction")));
        QVERIFY(!stopped->findChild<PortsMenu*>());

        // Manual templates have no Start.
        auto* manual = tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_build-box"));
        QVERIFY(!manual->findChild<QAction*>(QStringLiteral("trayStartAction")));

        QSignalSpy open(&tray, &TrayIcon::showWindowRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);
        tray.menu()->findChild<QAction*>(QStringLiteral("trayOpenAction"))->trigger();
        tray.menu()->findChild<QAction*>(QStringLiteral("trayQuitAction"))->trigger();
        QCOMPARE(open.count(), 1);
        QCOMPARE(quit.count(), 1);
    }

    void followsTheModel()
    {
        SpaceListModel model;
        model.setTemplates(SampleData::templates(), {});
        TrayIcon tray(&model);
        QVERIFY(!tray.showsRunningIcon());
        auto space = SampleData::space(
            QStringLiteral("x"), QStringLiteral("dev"), SpaceState::Starting, SampleData::goTemplate().id);
        model.updateSpace(space);
        QCOMPARE(tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_dev"))->title(),
                 QStringLiteral("dev — Starting"));
        const QPointer<QMenu> sub = tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_dev"));
        const auto actionNamed = [&](const QString& name) -> QAction* {
            for (QAction* action : sub->actions()) {
                if (action->objectName() == name) {
                    return action;
                }
            }
            return nullptr;
        };
        QVERIFY(!actionNamed(QStringLiteral("trayTerminalAction")));
        space.state = SpaceState::Running;
        model.updateSpace(space);
        QVERIFY(tray.showsRunningIcon());
        QCOMPARE(tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_dev"))->title(),
                 QStringLiteral("dev — Running"));
        // A state change updates the space's submenu in place: no rebuild of the whole menu.
        QCOMPARE(tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_dev")), sub.data());
        QVERIFY(actionNamed(QStringLiteral("trayTerminalAction")));

        // Stop from the tray: the model changes while the action is being triggered; the action
        // survives, the services go.
        const QPointer<QAction> stop = actionNamed(QStringLiteral("trayStopAction"));
        connect(&tray, &TrayIcon::stopRequested, &model, [&] {
            space.state = SpaceState::Stopped;
            model.updateSpace(space);
        });
        stop->trigger();
        QVERIFY(stop);
        QVERIFY(!stop->isEnabled());
        QVERIFY(!actionNamed(QStringLiteral("trayTerminalAction")));
        QCOMPARE(sub->title(), QStringLiteral("dev — Stopped"));
        model.removeSpace(space.id);
        QVERIFY(!tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_dev")));
        QVERIFY(!tray.showsRunningIcon());
    }
};

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
