#include "ui/vnc/vnckeymap.h"
#include "ui/vnc/vncview.h"
#include "ui/vnc/vncwindow.h"
#include "vnc/vncserver.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace Knot;
using namespace Knot::Test;

class TestVncView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mapsKeysToKeysyms();
    void paintsTheRemoteScreenScaled();
    void mouseFollowsTheScaling();
    void keyboardReachesTheServer();
    void viewOnlySendsNothing();
    void grabbedKeyboardTakesShortcutsUntilTheChord();
    void savesAScreenshot();
    void failureShowsReconnect();
    void windowOpensAndConnects();

private:
    VncServer m_server;
};

void TestVncView::initTestCase()
{
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestVncView::mapsKeysToKeysyms()
{
    QCOMPARE(VncKeyMap::keysym(Qt::Key_A, QStringLiteral("a")), 0x61u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_A, QStringLiteral("A")), 0x41u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_C, QStringLiteral("\x03")), 0x63u); // Ctrl+C
    QCOMPARE(VncKeyMap::keysym(Qt::Key_Eacute, QStringLiteral("é")), 0xe9u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_unknown, QStringLiteral("€")), 0x010020acu);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_F5, {}), 0xffc2u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_Left, {}), 0xff51u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_Shift, {}), 0xffe1u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_Control, {}), 0xffe3u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_Return, QStringLiteral("\r")), 0xff0du);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_Space, QStringLiteral(" ")), 0x20u);
    QCOMPARE(VncKeyMap::keysym(Qt::Key_VolumeUp, {}), 0u);
}

void TestVncView::paintsTheRemoteScreenScaled()
{
    VncView view;
    view.resize(320, 240);
    view.show();
    view.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(view.client()->state(), VncClient::State::Connected, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(view.screenshot().size(), QSize(640, 480), 20'000);

    m_server.fillRoot(QStringLiteral("#00ff00"));
    QTRY_COMPARE_WITH_TIMEOUT(view.grab().toImage().pixel(160, 120) & 0xffffff, 0x00ff00u, 20'000);
    m_server.fillRoot(QStringLiteral("#ff00ff"));
    QTRY_COMPARE_WITH_TIMEOUT(view.grab().toImage().pixel(10, 10) & 0xffffff, 0xff00ffu, 20'000);
}

void TestVncView::mouseFollowsTheScaling()
{
    VncView view;
    view.resize(320, 240); // fit: half size, so widget (50, 20) is framebuffer (100, 40)
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(view.screenshot().size(), QSize(640, 480), 20'000);
    QCOMPARE(view.toFramebuffer(QPointF(50, 20)), QPoint(100, 40));
    QTest::mouseMove(&view, QPoint(50, 20));
    QTRY_VERIFY_WITH_TIMEOUT(m_server.pointer().startsWith(QStringLiteral("X=100\nY=40\n")), 20'000);

    view.setScaleToFit(false);
    QCOMPARE(view.minimumSize(), QSize(640, 480));
    view.resize(640, 480);
    QTest::mouseMove(&view, QPoint(70, 30));
    QTRY_VERIFY_WITH_TIMEOUT(m_server.pointer().startsWith(QStringLiteral("X=70\nY=30\n")), 20'000);
}

void TestVncView::keyboardReachesTheServer()
{
    VncView view;
    view.show();
    view.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(view.client()->state(), VncClient::State::Connected, 20'000);
    QVERIFY(!m_server.capsLockOn());
    QTest::keyClick(&view, Qt::Key_CapsLock);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.capsLockOn(), 20'000);
    QTest::keyClick(&view, Qt::Key_CapsLock);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server.capsLockOn(), 20'000);
}

void TestVncView::viewOnlySendsNothing()
{
    VncView view;
    view.resize(640, 480);
    view.show();
    view.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(view.screenshot().size(), QSize(640, 480), 20'000);
    view.setViewOnly(true);
    QTest::keyClick(&view, Qt::Key_CapsLock);
    QTest::mouseMove(&view, QPoint(11, 13));
    // Input goes through one ordered queue: once a later pointer event has arrived, an earlier
    // Caps Lock would have too.
    view.client()->sendPointer(12, 14, 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.pointer().startsWith(QStringLiteral("X=12\nY=14\n")), 20'000);
    QVERIFY(!m_server.capsLockOn());
}

void TestVncView::grabbedKeyboardTakesShortcutsUntilTheChord()
{
    VncWindow* window =
        VncWindow::openVnc(QStringLiteral("grab"), QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    const QPointer<VncWindow> guard(window);
    VncView* view = window->view();
    QTRY_COMPARE_WITH_TIMEOUT(view->client()->state(), VncClient::State::Connected, 20'000);
    // A window shortcut on keys the remote desktop wants: it fires while not grabbed.
    int shortcutFired = 0;
    auto* shortcut = new QAction(window);
    shortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    window->addAction(shortcut);
    connect(shortcut, &QAction::triggered, this, [&] { ++shortcutFired; });
    QTest::keyClick(view, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(shortcutFired, 1);

    window->grabKeyboardAction()->trigger();
    QVERIFY(view->isKeyboardGrabbed());
    QCOMPARE(QWidget::keyboardGrabber(), view);
    QTest::keyClick(view, Qt::Key_L, Qt::ControlModifier);
    QTest::keyClick(view, Qt::Key_CapsLock);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.capsLockOn(), 20'000);
    QCOMPARE(shortcutFired, 1);

    // The chord releases the grab and does not reach the server: Caps Lock still toggles there.
    QTest::keyClick(view, Qt::Key_G, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY(!view->isKeyboardGrabbed());
    QVERIFY(!window->grabKeyboardAction()->isChecked());
    QCOMPARE(QWidget::keyboardGrabber(), nullptr);
    QTest::keyClick(view, Qt::Key_CapsLock);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server.capsLockOn(), 20'000);

    // Losing the connection gives the keyboard back too.
    window->grabKeyboardAction()->trigger();
    QVERIFY(view->isKeyboardGrabbed());
    view->connectToHost(QStringLiteral("127.0.0.1"), 1, VncPassword);
    QVERIFY(!view->isKeyboardGrabbed());
    QCOMPARE(QWidget::keyboardGrabber(), nullptr);
    window->close();
    QTRY_VERIFY(guard.isNull());
}

void TestVncView::savesAScreenshot()
{
    VncView view;
    QVERIFY(!view.saveScreenshot(QStringLiteral("/nonexistent/none.png")));
    view.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(view.screenshot().size(), QSize(640, 480), 20'000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shot.png"));
    const VoidResult saved = view.saveScreenshot(path);
    QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
    QCOMPARE(QImage(path).size(), QSize(640, 480));
}

void TestVncView::failureShowsReconnect()
{
    VncView view;
    view.resize(400, 300);
    view.show();
    view.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, QStringLiteral("wrong-pw"));
    QTRY_COMPARE_WITH_TIMEOUT(view.client()->state(), VncClient::State::Failed, 20'000);
    auto* button = view.findChild<QPushButton*>();
    QVERIFY(button);
    QTRY_VERIFY(button->isVisible());
    bool errorShown = false;
    for (const QLabel* label : view.findChildren<QLabel*>())
        errorShown |= label->isVisible() && label->text().contains(QStringLiteral("authentication failed"));
    QVERIFY(errorShown);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(view.client()->state(), VncClient::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(view.client()->state(), VncClient::State::Failed, 20'000);
}

void TestVncView::windowOpensAndConnects()
{
    VncWindow* window =
        VncWindow::openVnc(QStringLiteral("space"), QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QVERIFY(window != nullptr);
    const QPointer<VncWindow> guard(window);
    QVERIFY(window->isVisible());
    VncView* view = window->view();
    VncClient* client = view->client();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), VncClient::State::Connected, 20'000);
    window->fitAction()->setChecked(false);
    QVERIFY(!view->scaleToFit());
    window->viewOnlyAction()->setChecked(true);
    QVERIFY(view->viewOnly());
    window->reconnectAction()->trigger();
    QCOMPARE(client->state(), VncClient::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), VncClient::State::Connected, 20'000);
    window->close();
    QTRY_VERIFY(guard.isNull());
}

QTEST_MAIN(TestVncView)
#include "tst_vncview.moc"
