// Starts a real `podman system service` through EmbeddedPodman, pings it, stops it and checks the
// process is gone. It starts its own Podman, so it does its work once: under the podman registration.
#include "core/engine/embeddedpodman.h"
#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/store/database.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace Knot;

class TestEmbeddedPodman : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir {QStringLiteral("/tmp/knot-embedded-XXXXXX")}; // short: socket paths are limited

    // Its own storage and config (runc, file locks, private tmp_dir): crun fails on our test
    // machines, and the instance must not share state with the test engines or the system's Podman.
    EmbeddedPodman::Options options() const
    {
        EmbeddedPodman::Options o;
        o.socketDir = m_dir.filePath(QStringLiteral("run"));
        o.globalArguments = {QStringLiteral("--root"),
                             m_dir.filePath(QStringLiteral("root")),
                             QStringLiteral("--runroot"),
                             m_dir.filePath(QStringLiteral("runroot")),
                             // vfs: overlay leaves a bind mount of its folder behind after exit.
                             QStringLiteral("--storage-driver"),
                             QStringLiteral("vfs")};
        o.environment.insert(QStringLiteral("CONTAINERS_CONF"), m_dir.filePath(QStringLiteral("containers.conf")));
        o.environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("xdg-run")));
        return o;
    }

    static bool processExists(qint64 pid)
    {
        // Our child is reaped by QProcess, so a missing /proc entry means it is really gone.
        return pid > 0 && QFile::exists(QStringLiteral("/proc/%1").arg(pid));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("KNOT_TEST_ENGINE") == QStringLiteral("docker"))
            QSKIP("EmbeddedPodman starts its own Podman; the podman registration of this test covers it");
        QVERIFY(m_dir.isValid());
        QVERIFY2(EmbeddedPodman::isAvailable(), "podman is not installed (packaging/install-deps.sh)");
        QFile conf(m_dir.filePath(QStringLiteral("containers.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("[engine]\nruntime = \"runc\"\ncgroup_manager = \"cgroupfs\"\n"
                                  "events_logger = \"file\"\nlock_type = \"file\"\ntmp_dir = \"%1\"\n"
                                  "[network]\nnetwork_config_dir = \"%2\"\n")
                       .arg(m_dir.filePath(QStringLiteral("tmp")), m_dir.filePath(QStringLiteral("networks")))
                       .toUtf8());
    }

    void startsPingsAndStops()
    {
        EmbeddedPodman podman(EngineLocator::pingProbe(), options());
        QSignalSpy states(&podman, &EmbeddedPodman::stateChanged);
        podman.start();
        QCOMPARE(podman.state(), EmbeddedPodman::State::Starting);
        QTRY_VERIFY_WITH_TIMEOUT(podman.state() != EmbeddedPodman::State::Starting, 90000);
        QVERIFY2(podman.state() == EmbeddedPodman::State::Running, qPrintable(podman.errorString()));
        QVERIFY(podman.endpoint().startsWith(QStringLiteral("unix://") + m_dir.path()));
        const qint64 pid = podman.processId();
        QVERIFY(processExists(pid));

        // The endpoint answers to an independent probe, too.
        QFuture<bool> ping = EngineLocator::pingProbe()(podman.endpoint());
        QTRY_VERIFY_WITH_TIMEOUT(ping.isFinished(), 10000);
        QVERIFY(ping.result());

        podman.stop();
        QCOMPARE(podman.state(), EmbeddedPodman::State::Stopping);
        QTRY_COMPARE_WITH_TIMEOUT(podman.state(), EmbeddedPodman::State::Stopped, 30000);
        QVERIFY(!processExists(pid));
        QVERIFY(!QFile::exists(podman.endpoint().mid(7)));
        QCOMPARE(states.size(), 4); // Starting, Running, Stopping, Stopped
    }

    void earlyExitReportsPodmansError()
    {
        EmbeddedPodman::Options o = options();
        o.globalArguments << QStringLiteral("--no-such-option");
        EmbeddedPodman podman(EngineLocator::pingProbe(), o);
        podman.start();
        QTRY_COMPARE_WITH_TIMEOUT(podman.state(), EmbeddedPodman::State::Failed, 30000);
        QVERIFY2(podman.errorString().contains(QStringLiteral("no-such-option")), qPrintable(podman.errorString()));
    }

    void missingProgramFails()
    {
        EmbeddedPodman::Options o = options();
        o.program = m_dir.filePath(QStringLiteral("no-podman-here"));
        EmbeddedPodman podman(EngineLocator::pingProbe(), o);
        podman.start();
        QCOMPARE(podman.state(), EmbeddedPodman::State::Failed);
        QVERIFY(podman.errorString().contains(QStringLiteral("not installed")));
    }

    void killedServiceIsReported()
    {
        EmbeddedPodman podman(EngineLocator::pingProbe(), options());
        podman.start();
        QTRY_VERIFY_WITH_TIMEOUT(podman.state() != EmbeddedPodman::State::Starting, 90000);
        QVERIFY2(podman.state() == EmbeddedPodman::State::Running, qPrintable(podman.errorString()));
        QVERIFY(::kill(pid_t(podman.processId()), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(podman.state(), EmbeddedPodman::State::Failed, 30000);
        QVERIFY(!podman.errorString().isEmpty());
    }

    // With no engine anywhere, EngineManager starts the embedded Podman, reports its progress and
    // hands out a client that works; shutdown() stops the service.
    void engineManagerStartsTheEmbeddedEngine()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("knot.db")));
        QVERIFY_RESULT(db);
        EngineManager manager(**db);
        // Every usual place is empty: a folder with no sockets at all.
        EngineLocator::Environment nowhere;
        nowhere.xdgRuntimeDir = m_dir.filePath(QStringLiteral("xdg"));
        nowhere.dockerSocket = m_dir.filePath(QStringLiteral("no-docker.sock"));
        nowhere.rootfulPodmanSocket = m_dir.filePath(QStringLiteral("no-podman.sock"));
        manager.setLocator(EngineLocator::pingProbe(), nowhere);
        manager.setEmbeddedPodman(options());
        QSignalSpy status(&manager, &EngineManager::defaultEngineStatusChanged);

        auto located = manager.defaultClient();
        QTRY_VERIFY_WITH_TIMEOUT(located.isFinished(), 90000);
        const auto client = located.result();
        QVERIFY_RESULT(client);
        using Status = EngineManager::DefaultEngineStatus;
        QList<Status> seen;
        for (const auto& arguments : status) {
            seen << arguments.at(0).value<Status>();
        }
        QCOMPARE(seen, (QList<Status> {Status::Locating, Status::StartingEmbedded, Status::Ready}));
        QVERIFY(manager.embeddedPodman());
        QCOMPARE((*client)->endpoint().toString(), manager.embeddedPodman()->endpoint());
        QVERIFY((*client)->endpoint().toString().startsWith(QStringLiteral("unix://") + m_dir.path()));

        auto version = (*client)->version();
        QTRY_VERIFY_WITH_TIMEOUT(version.isFinished(), 30000);
        QVERIFY_RESULT(version.result());
        QCOMPARE(version.result()->kind, EngineRecord::Kind::Podman);

        const qint64 pid = manager.embeddedPodman()->processId();
        QVERIFY(processExists(pid));
        manager.shutdown();
        QTRY_COMPARE_WITH_TIMEOUT(manager.embeddedPodman()->state(), EmbeddedPodman::State::Stopped, 30000);
        QVERIFY(!processExists(pid));
        QCOMPARE(manager.defaultEngineStatus(), Status::None);
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedPodman)
#include "tst_embeddedpodman.moc"
