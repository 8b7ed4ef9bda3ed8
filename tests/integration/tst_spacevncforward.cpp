#include "core/forward/portforwarder.h"
#include "core/space/runningspace.h"
#include "servicefixture.h"
#include "sshdfixture.h"
#include "testutils.h"
#include "ui/messagewidget.h"
#include "ui/vnc/spacevnc.h"
#include "ui/vnc/vncclient.h"
#include "ui/vnc/vncview.h"
#include "ui/vnc/vncwindow.h"
#include "vnc/vncserver.h"

#include <QPointer>
#include <QProcess>
#include <QSignalSpy>

using namespace Knot;
using KnotTest::await;
using KnotTest::EngineTimeoutMs;

// The VNC desktop of a space whose VNC port is not published is reached through the exec relay
// forward, on the local engine and on the same engine reached as a remote ssh:// one.
//
// The VNC server is a real Xvnc on this machine's loopback; the space shares the host's network
// (network: host), so inside the container it answers at 127.0.0.1:<port> and nothing is
// published. Only the relay run inside the container by the forward can reach it there.
class TestSpaceVncForward : public QObject
{
    Q_OBJECT

private:
    Test::VncServer m_server;
    KnotTest::PrivateSshd m_sshd;

    // A space on `fixture`'s engine whose template has `vncPort` (by default the server's) as its
    // unpublished VNC port.
    Result<Space> createSpace(KnotTest::ServiceFixture& fixture, int vncPort = 0)
    {
        Template tmpl;
        tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\nnetwork: host\n").arg(fixture.image);
        tmpl.vnc = VncSettings {vncPort > 0 ? vncPort : m_server.port, VncTransport::Rfb, Test::VncPassword};
        return fixture.createSpace(tmpl, QStringLiteral("vncfwd"));
    }

    // A SpaceVnc wired like the desktop app wires its own, counting the forwards it asks for.
    struct ForwardedVnc
    {
        PortForwarder forwarder;
        SpaceVnc vnc;
        int forwarded = 0;
        QSignalSpy opened {&vnc, &SpaceVnc::opened};
        QSignalSpy failed {&vnc, &SpaceVnc::failed};

        explicit ForwardedVnc(KnotTest::ServiceFixture& fixture) : vnc(*fixture.db, *fixture.service, *fixture.engines)
        {
            vnc.setForwarder([this](const RunningSpace& space, int containerPort) {
                ++forwarded;
                const Result<quint16> local =
                    forwarder.forward(space.engine, space.container.id, containerPort, space.space.name);
                return QtFuture::makeReadyFuture(local ? Result<int>(int(*local)) : Result<int>(local.error()));
            });
            QObject::connect(&forwarder, &PortForwarder::connectionFailed, &vnc, &SpaceVnc::showForwardFailure);
        }

        QString firstFailure() const { return failed.isEmpty() ? QString() : failed.first().first().toString(); }
    };

    // The window is connected and has the server's framebuffer.
    static bool showsDesktop(const VncWindow* window)
    {
        const VncClient* client = window->view()->client();
        return client->state() == VncClient::State::Connected && !client->frameSize().isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_server.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // The test engine again as a remote ssh:// one, through a private sshd (as tst_sshengine).
        const QString sshd = m_sshd.start();
        QVERIFY2(sshd.isEmpty(), qPrintable(sshd));
    }

    void cleanupTestCase() { m_sshd.stop(); }

    void unpublishedPortThroughTheForward_data()
    {
        QTest::addColumn<bool>("overSsh");
        QTest::newRow("local engine") << false;
        QTest::newRow("ssh:// engine") << true;
    }

    void unpublishedPortThroughTheForward()
    {
        QFETCH(bool, overSsh);
        const QByteArray localEndpoint = qgetenv("KNOT_TEST_ENDPOINT");
        if (overSsh) {
            const auto local = EngineEndpoint::parse(QString::fromUtf8(localEndpoint));
            QVERIFY_RESULT(local);
            qputenv("KNOT_TEST_ENDPOINT", KnotTest::PrivateSshd::endpoint(local->path).toUtf8());
        }
        // The fixture registers KNOT_TEST_ENDPOINT as its engine; it is gone before the sshd is.
        KnotTest::ServiceFixture fixture;
        const QString error = fixture.setUp();
        qputenv("KNOT_TEST_ENDPOINT", localEndpoint);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto created = createSpace(fixture);
        QVERIFY_RESULT(created);

        ForwardedVnc desktop(fixture);
        desktop.vnc.open(created->id);
        QVERIFY2(desktop.opened.wait(EngineTimeoutMs), qPrintable(desktop.firstFailure()));
        QCOMPARE(desktop.forwarded, 1);
        const auto address = desktop.opened.first().at(1).value<SpaceVnc::Address>();
        QCOMPARE(address.host, QStringLiteral("127.0.0.1"));
        QVERIFY(address.port != m_server.port); // the forward's port, not the server's
        VncWindow* window = desktop.vnc.window(created->id);
        QVERIFY(window);
        const QPointer<VncWindow> guard(window);
        QTRY_VERIFY_WITH_TIMEOUT(showsDesktop(window), EngineTimeoutMs);

        // A restart runs a new container: the window reconnects through a new forward into it.
        QVERIFY_RESULT(await(fixture.service->stop(created->id)));
        QTRY_VERIFY_WITH_TIMEOUT(window->view()->client()->state() != VncClient::State::Connected, EngineTimeoutMs);
        QVERIFY_RESULT(await(fixture.service->start(created->id)));
        QTRY_COMPARE_WITH_TIMEOUT(desktop.opened.count(), 2, EngineTimeoutMs);
        QCOMPARE(desktop.forwarded, 2);
        QCOMPARE(desktop.opened.last().at(1).value<SpaceVnc::Address>().host, QStringLiteral("127.0.0.1"));
        QCOMPARE(desktop.vnc.window(created->id), window);
        QTRY_VERIFY_WITH_TIMEOUT(showsDesktop(window), EngineTimeoutMs);
        QVERIFY2(desktop.failed.isEmpty(), qPrintable(desktop.firstFailure()));

        window->close();
        QTRY_VERIFY(guard.isNull());
        QVERIFY_RESULT(await(fixture.service->stop(created->id)));
    }

    void forwardFailureShowsInTheWindow()
    {
        KnotTest::ServiceFixture fixture;
        const QString error = fixture.setUp();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const int silentPort = KnotTest::freePort(); // nothing listens there, here or in the space
        QVERIFY(silentPort > 0);
        const auto created = createSpace(fixture, silentPort);
        QVERIFY_RESULT(created);

        ForwardedVnc desktop(fixture);
        desktop.vnc.open(created->id);
        QVERIFY2(desktop.opened.wait(EngineTimeoutMs), qPrintable(desktop.firstFailure()));
        VncWindow* window = desktop.vnc.window(created->id);
        QVERIFY(window);
        const QPointer<VncWindow> guard(window);
        // The relay's reason, not just a closed socket.
        QTRY_VERIFY_WITH_TIMEOUT(window->messageWidget()->isVisibleTo(window), EngineTimeoutMs);
        QVERIFY2(window->messageWidget()->text().contains(QStringLiteral("Nothing listens on port %1").arg(silentPort)),
                 qPrintable(window->messageWidget()->text()));
        QVERIFY(window->view()->client()->state() != VncClient::State::Connected);

        window->close();
        QTRY_VERIFY(guard.isNull());
        QVERIFY_RESULT(await(fixture.service->stop(created->id)));
    }
};

QTEST_MAIN(TestSpaceVncForward)
#include "tst_spacevncforward.moc"
