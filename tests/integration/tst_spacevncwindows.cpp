#include "core/store/templatestore.h"
#include "servicefixture.h"
#include "testutils.h"
#include "ui/messagewidget.h"
#include "ui/vnc/spacevnc.h"
#include "ui/vnc/vncview.h"
#include "ui/vnc/vncwindow.h"

#include <QPointer>
#include <QSignalSpy>

using namespace Knot;
using KnotTest::await;
using KnotTest::EngineTimeoutMs;

// SpaceVnc's windows over a real space's lifecycle: one window per space, a stop says so in it,
// and the restarted space (a new container) is reconnected in the same window. The container has
// no VNC server: what is checked is where the window connects, not the picture.
class TestSpaceVncWindows : public QObject
{
    Q_OBJECT

private:
    KnotTest::ServiceFixture m_fixture;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_fixture.setUp();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void oneWindowThatFollowsRestarts()
    {
        // A free host port for the published VNC port.
        const int hostPort = KnotTest::freePort();
        QVERIFY(hostPort > 0);

        Template tmpl;
        tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\nports: [\"%2:5901\"]\n")
                       .arg(m_fixture.image)
                       .arg(hostPort);
        tmpl.vnc = VncSettings {5901, VncTransport::Rfb, QStringLiteral("secret")};
        const auto created = m_fixture.createSpace(tmpl, QStringLiteral("vnc"));
        QVERIFY_RESULT(created);

        SpaceVnc vnc(*m_fixture.db, *m_fixture.service, *m_fixture.engines);
        QSignalSpy opened(&vnc, &SpaceVnc::opened);
        QSignalSpy failed(&vnc, &SpaceVnc::failed);
        vnc.open(created->id);
        QVERIFY(opened.wait(EngineTimeoutMs));
        const SpaceVnc::Address expected {QStringLiteral("127.0.0.1"), hostPort};
        QCOMPARE(opened.first().at(1).value<SpaceVnc::Address>(), expected);
        VncWindow* window = vnc.window(created->id);
        QVERIFY(window);
        const QPointer<VncWindow> guard(window);

        // Opening again raises the same window.
        vnc.open(created->id);
        QCOMPARE(vnc.window(created->id), window);
        QCOMPARE(opened.count(), 1);

        QVERIFY_RESULT(await(m_fixture.service->stop(created->id)));
        QTRY_VERIFY(window->messageWidget()->isVisibleTo(window));
        QVERIFY2(window->messageWidget()->text().contains(QStringLiteral("not running")),
                 qPrintable(window->messageWidget()->text()));

        // The restarted space runs in a new container: the same window connects to it.
        QVERIFY_RESULT(await(m_fixture.service->start(created->id)));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, EngineTimeoutMs);
        QCOMPARE(opened.last().at(1).value<SpaceVnc::Address>(), expected);
        QCOMPARE(vnc.window(created->id), window);
        QVERIFY(!window->messageWidget()->isVisibleTo(window));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        window->close();
        QTRY_VERIFY(guard.isNull());
        QVERIFY(!vnc.window(created->id));
        QVERIFY_RESULT(await(m_fixture.service->stop(created->id)));
    }
};

QTEST_MAIN(TestSpaceVncWindows)
#include "tst_spacevncwindows.moc"
