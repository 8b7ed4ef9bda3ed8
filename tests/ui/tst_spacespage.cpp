#include "sampledata.h"
#include "ui/messagebox.h"
#include "ui/spaceitemdelegate.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Knot;

class TestSpacesPage : public QObject
{
    Q_OBJECT

private:
    SpaceListModel m_model;

    static QAction* action(QMenu* menu, const char* name) { return menu->findChild<QAction*>(QLatin1String(name)); }

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void init()
    {
        m_model.setSpaces(SampleData::spaces());
        m_model.setTemplates(SampleData::templates(), SampleData::hashes());
    }

    void runningSpaceMenu()
    {
        SpacesPage page(&m_model);
        std::unique_ptr<QMenu> menu(page.createRowMenu(QStringLiteral("s1"), &page));
        QVERIFY(!action(menu.get(), "startAction")->isEnabled());
        QVERIFY(action(menu.get(), "stopAction")->isEnabled());
        QVERIFY(action(menu.get(), "restartAction")->isEnabled());
        QVERIFY(action(menu.get(), "editAction")->isEnabled());
        QVERIFY(!action(menu.get(), "deleteAction")->isEnabled());
        QVERIFY(!action(menu.get(), "deleteAction")->toolTip().isEmpty());

        // Stop | Restart is one split button: Stop on the button, Restart behind the arrow.
        auto* split = menu->findChild<QToolButton*>(QStringLiteral("stopRestartButton"));
        QVERIFY(split);
        QCOMPARE(split->defaultAction(), action(menu.get(), "stopAction"));
        QCOMPARE(split->popupMode(), QToolButton::MenuButtonPopup);
        QVERIFY(split->menu()->actions().contains(action(menu.get(), "restartAction")));

        QSignalSpy stop(&page, &SpacesPage::stopRequested);
        QSignalSpy restart(&page, &SpacesPage::restartRequested);
        action(menu.get(), "stopAction")->trigger();
        action(menu.get(), "restartAction")->trigger();
        QCOMPARE(stop.count(), 1);
        QCOMPARE(stop.first().first().toString(), QStringLiteral("s1"));
        QCOMPARE(restart.count(), 1);
    }

    void stoppedSpaceMenuAndDelete()
    {
        SpacesPage page(&m_model);
        std::unique_ptr<QMenu> menu(page.createRowMenu(QStringLiteral("s4"), &page));
        QVERIFY(action(menu.get(), "startAction")->isEnabled());
        QVERIFY(!action(menu.get(), "stopAction")->isEnabled());
        QVERIFY(action(menu.get(), "deleteAction")->isEnabled());

        QSignalSpy start(&page, &SpacesPage::startRequested);
        action(menu.get(), "startAction")->trigger();
        QCOMPARE(start.count(), 1);

        QSignalSpy remove(&page, &SpacesPage::deleteRequested);
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        action(menu.get(), "deleteAction")->trigger();
        QTest::qWait(20);
        QCOMPARE(remove.count(), 0);
        // The confirmation names every volume whose data goes.
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("s4-home")));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("/home/dev/knot/docs")));

        MessageBox::setNextAnswer(QMessageBox::Yes);
        action(menu.get(), "deleteAction")->trigger();
        QTRY_COMPARE(remove.count(), 1);
        QCOMPARE(remove.first().first().toString(), QStringLiteral("s4"));
    }

    void manualSpaceHasNoStart()
    {
        SpacesPage page(&m_model);
        std::unique_ptr<QMenu> menu(page.createRowMenu(QStringLiteral("s5"), &page));
        QVERIFY(!action(menu.get(), "startAction"));
        QVERIFY(action(menu.get(), "editAction"));
    }

    void filters()
    {
        SpacesPage page(&m_model);
        auto* view = page.findChild<QListView*>(QStringLiteral("spacesView"));
        QCOMPARE(view->model()->rowCount(), 5);
        page.findChild<QLineEdit*>(QStringLiteral("spacesFilter"))->setText(QStringLiteral("API"));
        QCOMPARE(view->model()->rowCount(), 1);
        page.findChild<QLineEdit*>(QStringLiteral("spacesFilter"))->setText(QStringLiteral("Go Development"));
        QCOMPARE(view->model()->rowCount(), 3); // matches the template name
        page.findChild<QLineEdit*>(QStringLiteral("spacesFilter"))->clear();

        auto* state = page.findChild<QComboBox*>(QStringLiteral("stateFilter"));
        state->setCurrentIndex(state->findData(static_cast<int>(SpaceState::Stopped)));
        QCOMPARE(view->model()->rowCount(), 2);
        // A space that stops while the filter is on joins the list live.
        auto space = *m_model.spaceById(QStringLiteral("s1"));
        space.state = SpaceState::Stopped;
        m_model.updateSpace(space);
        QCOMPARE(view->model()->rowCount(), 3);
    }

    void serviceIconsOnlyWhileRunning()
    {
        SpacesPage page(&m_model);
        page.resize(1000, 400);
        const QRect row(0, 0, 1000, 64);
        const auto running = page.delegate()->serviceRects(row, m_model.index(m_model.rowOf(QStringLiteral("s1"))));
        QCOMPARE(running.size(), 5); // VNC, Code Server, VSCode Tunnel, Web Terminal, Ports
        QCOMPARE(running.first().first, ServiceIcon::Vnc);
        QVERIFY(page.delegate()->serviceRects(row, m_model.index(m_model.rowOf(QStringLiteral("s4")))).isEmpty());
        // Until the terminal, VNC and ports issues land, the icons are there but disabled.
        QVERIFY(!page.delegate()->isServiceAvailable(ServiceIcon::WebTerminal));

        // With the probe on, only what answers: no VNC or Code Server until their ports listen.
        m_model.setProbingServices(true);
        const auto services = [&] {
            QList<ServiceIcon> shown;
            for (const auto& [service, rect] :
                 page.delegate()->serviceRects(row, m_model.index(m_model.rowOf(QStringLiteral("s1"))))) {
                shown << service;
            }
            return shown;
        };
        QCOMPARE(services(),
                 QList<ServiceIcon>({ServiceIcon::VscodeTunnel, ServiceIcon::WebTerminal, ServiceIcon::Ports}));
        const Template go = SampleData::goTemplate();
        m_model.setServiceStatus(QStringLiteral("s1"), ServiceStatus {true, {go.codeServerPort}, false, {}});
        QCOMPARE(
            services(),
            QList<ServiceIcon>(
                {ServiceIcon::CodeServer, ServiceIcon::VscodeTunnel, ServiceIcon::WebTerminal, ServiceIcon::Ports}));
        m_model.setServiceStatus(QStringLiteral("s1"), {});
        m_model.setProbingServices(false);
    }

    void uptimeText()
    {
        QCOMPARE(SpaceItemDelegate::formatUptime(30), QStringLiteral("Up less than a minute"));
        QCOMPARE(SpaceItemDelegate::formatUptime(5 * 60), QStringLiteral("Up 5m"));
        QCOMPARE(SpaceItemDelegate::formatUptime(3 * 3600 + 12 * 60), QStringLiteral("Up 3h 12m"));
        QCOMPARE(SpaceItemDelegate::formatUptime(2 * 86400 + 3600), QStringLiteral("Up 2d 1h"));
    }
};

QTEST_MAIN(TestSpacesPage)
#include "tst_spacespage.moc"
