#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"
#include "ui/terminal/terminalwindow.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Knot;

namespace {

Space space(const QString& id, const QString& name)
{
    Space space;
    space.id = id;
    space.name = name;
    return space;
}

} // namespace

// The window's tab handling, without an engine: sessions end at once with "Engine unreachable".
class TestTerminalWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }

    void titlesAreNumberedPerSpace()
    {
        TerminalWindow window(m_settings.get(), QStringLiteral("terminal/geometry"));
        const Space dev = space(QStringLiteral("1"), QStringLiteral("dev"));
        window.openTerminal(dev, nullptr, QStringLiteral("c1"), {});
        window.openTerminal(space(QStringLiteral("2"), QStringLiteral("web")), nullptr, QStringLiteral("c2"), {});
        window.openTerminal(dev, nullptr, QStringLiteral("c1"), {});
        QCOMPARE(window.count(), 3);
        QCOMPARE(window.tabTitle(0), QStringLiteral("dev"));
        QCOMPARE(window.tabTitle(1), QStringLiteral("web"));
        QCOMPARE(window.tabTitle(2), QStringLiteral("dev (2)"));
        QCOMPARE(window.spaceIdOf(window.tab(2)), QStringLiteral("1"));

        // The shell's title (OSC 2) follows the space's name.
        window.tab(2)->view()->surface()->write(QByteArrayLiteral("\x1b]2;vim notes.txt\x07"));
        QTRY_COMPARE(window.tabTitle(2), QStringLiteral("dev (2): vim notes.txt"));
        QCOMPARE(window.windowTitle(), QStringLiteral("dev (2): vim notes.txt"));

        // A closed number is not reused while a higher one is open.
        window.closeTab(0);
        window.openTerminal(dev, nullptr, QStringLiteral("c1"), {});
        QCOMPARE(window.tabTitle(2), QStringLiteral("dev (3)"));
    }

    void scrollbackReachesOpenAndNewTabs()
    {
        TerminalWindow window(m_settings.get(), QStringLiteral("terminal/geometry"));
        TerminalTab* first = window.openTerminal(space(QStringLiteral("1"), QStringLiteral("dev")), nullptr, {}, {});
        QCOMPARE(first->view()->surface()->scrollbackCapacity(), TerminalSurface::DefaultScrollback);
        window.setScrollbackCapacity(250);
        QCOMPARE(first->view()->surface()->scrollbackCapacity(), 250);
        TerminalTab* second = window.openTerminal(space(QStringLiteral("1"), QStringLiteral("dev")), nullptr, {}, {});
        QCOMPARE(second->view()->surface()->scrollbackCapacity(), 250);
    }

    void sessionsWithoutEngineSayWhy()
    {
        TerminalWindow window(m_settings.get(), QStringLiteral("terminal/geometry"));
        TerminalTab* tab = window.openTerminal(space(QStringLiteral("1"), QStringLiteral("dev")), nullptr, {}, {});
        QTRY_VERIFY(tab->closedReason().startsWith(QStringLiteral("Engine unreachable")));
    }

    void shortcutsManageTabs()
    {
        TerminalWindow window(m_settings.get(), QStringLiteral("terminal/geometry"));
        window.openTerminal(space(QStringLiteral("1"), QStringLiteral("dev")), nullptr, {}, {});
        window.openTerminal(space(QStringLiteral("2"), QStringLiteral("web")), nullptr, {}, {});
        QVERIFY(QTest::qWaitForWindowActive(&window) || QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.currentTab(), window.tab(1));
        const auto press = [&](Qt::Key key) {
            QTest::keyClick(window.currentTab()->view(), key, Qt::ControlModifier | Qt::ShiftModifier);
        };

        press(Qt::Key_PageDown);
        QCOMPARE(window.currentTab(), window.tab(0));
        press(Qt::Key_PageUp);
        QCOMPARE(window.currentTab(), window.tab(1));

        press(Qt::Key_T); // another terminal into the current tab's space
        QCOMPARE(window.count(), 3);
        QCOMPARE(window.currentTab(), window.tab(2));
        QCOMPARE(window.tabTitle(2), QStringLiteral("web (2)"));

        press(Qt::Key_W);
        QCOMPARE(window.count(), 2);
        press(Qt::Key_W);
        press(Qt::Key_W);
        QCOMPARE(window.count(), 0);
        QVERIFY(!window.isVisible()); // the last tab closes the window
    }

    void geometryIsRemembered()
    {
        QRect geometry;
        {
            TerminalWindow window(m_settings.get(), QStringLiteral("geometry/test"));
            window.openTerminal(space(QStringLiteral("1"), QStringLiteral("dev")), nullptr, {}, {});
            window.resize(640, 420);
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            geometry = window.geometry();
            window.close();
        }
        QVERIFY(m_settings->contains(QStringLiteral("geometry/test")));
        TerminalWindow again(m_settings.get(), QStringLiteral("geometry/test"));
        QCOMPARE(again.size(), geometry.size());
    }
};

QTEST_MAIN(TestTerminalWindow)
#include "tst_terminalwindow.moc"
