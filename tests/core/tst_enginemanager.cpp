// EngineManager's choice of the default engine, with a fake probe: the DESIGN order, the embedded
// Podman when nothing answers (a stand-in program), and the status it reports on the way.
#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/store/enginestore.h"
#include "storefixtures.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <signal.h>

using namespace Knot;

namespace {

using Status = EngineManager::DefaultEngineStatus;

// Answers for the endpoints in `answering` (and for any endpoint below `answeringDir`); counts calls.
struct FakeProbe
{
    QStringList answering;
    QString answeringDir;
    std::shared_ptr<QStringList> asked = std::make_shared<QStringList>();

    EngineLocator::Probe probe() const
    {
        return [answering = answering, dir = answeringDir, asked = asked](const QString& endpoint) {
            *asked << endpoint;
            const bool ok = answering.contains(endpoint)
                            || (!dir.isEmpty() && endpoint.startsWith(QStringLiteral("unix://") + dir));
            return QtFuture::makeReadyFuture(ok);
        };
    }
};

const QString Registered = QStringLiteral("unix:///tmp/knot-registered.sock");

EngineLocator::Environment environment(const QString& dir)
{
    EngineLocator::Environment env;
    env.dockerHost = QStringLiteral("tcp://127.0.0.1:1");
    env.xdgRuntimeDir = dir + QStringLiteral("/xdg");
    env.dockerSocket = dir + QStringLiteral("/docker.sock");
    env.rootfulPodmanSocket = dir + QStringLiteral("/podman.sock");
    return env;
}

template <typename R>
R await(QFuture<R> future)
{
    if (!QTest::qWaitFor([&]() { return future.isFinished(); }, 20000) || future.resultCount() == 0) {
        return R(Error {Error::Kind::Timeout, QStringLiteral("timed out"), {}});
    }
    return future.result();
}

QList<Status> statuses(const QSignalSpy& spy)
{
    QList<Status> list;
    for (const auto& arguments : spy) {
        list << arguments.at(0).value<Status>();
    }
    return list;
}

} // namespace

class TestEngineManager : public QObject
{
    Q_OBJECT

private:
    StoreFixtures::TemporaryDatabase m_store;

    // A "podman" that just stays alive: the fake probe decides when it "answers".
    QString fakePodman()
    {
        const QString path = m_store.dir.filePath(QStringLiteral("fake-podman"));
        QFile script(path);
        if (!script.exists()) {
            script.open(QIODevice::WriteOnly);
            script.write("#!/bin/sh\nexec sleep 60\n");
            script.close();
            script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        return path;
    }

    EmbeddedPodman::Options embeddedOptions(const QString& program)
    {
        EmbeddedPodman::Options options;
        options.program = program;
        options.socketDir = m_store.dir.filePath(QStringLiteral("embedded"));
        options.pingInterval = std::chrono::milliseconds(10);
        options.stopGrace = std::chrono::milliseconds(500);
        return options;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_store.db); }

    void firstAnsweringCandidateInOrderWins()
    {
        const QString dir = m_store.dir.path();
        EngineManager manager(*m_store.db);
        FakeProbe probe;
        // Both the rootless and the rootful Podman answer: rootless comes first in the DESIGN order.
        probe.answering = {QStringLiteral("unix://%1/podman.sock").arg(dir),
                           QStringLiteral("unix://%1/xdg/podman/podman.sock").arg(dir)};
        manager.setLocator(probe.probe(), environment(dir));
        manager.setEmbeddedPodman(embeddedOptions(fakePodman()));
        QSignalSpy status(&manager, &EngineManager::defaultEngineStatusChanged);
        QSignalSpy added(&manager, &EngineManager::clientAdded);

        const auto client = await(manager.defaultClient());
        QVERIFY_RESULT(client);
        QCOMPARE((*client)->endpoint().toString(), QStringLiteral("unix://%1/xdg/podman/podman.sock").arg(dir));
        QCOMPARE(statuses(status), (QList<Status> {Status::Locating, Status::Ready}));
        QCOMPARE(manager.defaultEngineDetail(), (*client)->endpoint().toString());
        QCOMPARE(added.count(), 1); // no client for the candidates that did not answer
        QVERIFY(manager.serves(*client, {}));
        QVERIFY(!manager.embeddedPodman());

        // Known from now on: no second search.
        const qsizetype probes = probe.asked->size();
        QCOMPARE(await(manager.defaultClient()).value(), *client);
        QCOMPARE(probe.asked->size(), probes);
    }

    void registeredDefaultNeedsNoSearchButYieldsToOverride()
    {
        StoreFixtures::TemporaryDatabase store;
        QVERIFY_RESULT(EngineStore(*store.db).add({{}, QStringLiteral("mine"), Registered, {}, true}));
        EngineManager manager(*store.db);
        FakeProbe probe;
        manager.setLocator(probe.probe(), environment(store.dir.path()));
        const auto client = await(manager.defaultClient());
        QVERIFY_RESULT(client);
        QCOMPARE((*client)->endpoint().toString(), Registered);
        QVERIFY(probe.asked->isEmpty());
        QCOMPARE(manager.defaultEngineStatus(), Status::Ready);

        // The command-line tool's --engine comes first, until it is cleared.
        manager.setDefaultOverride(QStringLiteral("tcp://127.0.0.1:2375"));
        const auto overridden = await(manager.defaultClient());
        QVERIFY_RESULT(overridden);
        QCOMPARE((*overridden)->endpoint().toString(), QStringLiteral("tcp://127.0.0.1:2375"));
        QCOMPARE(manager.defaultEngineDetail(), QStringLiteral("tcp://127.0.0.1:2375"));
        manager.setDefaultOverride({});
        QCOMPARE(await(manager.defaultClient()).value(), *client);
        QVERIFY(probe.asked->isEmpty());
    }

    void noEngineAndNoEmbeddedSaysWhy()
    {
        EngineManager manager(*m_store.db);
        FakeProbe probe;
        manager.setLocator(probe.probe(), environment(m_store.dir.path()));
        manager.setEmbeddedPodman(std::nullopt);
        QSignalSpy status(&manager, &EngineManager::defaultEngineStatusChanged);
        const auto client = await(manager.defaultClient());
        QVERIFY(!client);
        QCOMPARE(client.error().kind, Error::Kind::Unreachable);
        QVERIFY2(client.error().message.contains(QStringLiteral("No container engine")),
                 qPrintable(client.error().message));
        QCOMPARE(statuses(status), (QList<Status> {Status::Locating, Status::None}));
        QCOMPARE(manager.defaultEngineDetail(), client.error().message);
        QCOMPARE(probe.asked->size(), 5); // every candidate was asked
    }

    void podmanNotInstalledSaysSo()
    {
        EngineManager manager(*m_store.db);
        FakeProbe probe;
        manager.setLocator(probe.probe(), environment(m_store.dir.path()));
        manager.setEmbeddedPodman(embeddedOptions(m_store.dir.filePath(QStringLiteral("no-podman"))));
        const auto client = await(manager.defaultClient());
        QVERIFY(!client);
        QVERIFY2(client.error().message.contains(QStringLiteral("not installed")), qPrintable(client.error().message));
        QCOMPARE(manager.defaultEngineStatus(), Status::None);
    }

    void embeddedPodmanStartsWhenNothingAnswers()
    {
        EngineManager manager(*m_store.db);
        FakeProbe probe;
        const EmbeddedPodman::Options options = embeddedOptions(fakePodman());
        probe.answeringDir = options.socketDir;
        manager.setLocator(probe.probe(), environment(m_store.dir.path()));
        manager.setEmbeddedPodman(options);
        QSignalSpy status(&manager, &EngineManager::defaultEngineStatusChanged);

        // Two callers at once share one search and one embedded engine.
        auto first = manager.defaultClient();
        auto second = manager.defaultClient();
        const auto client = await(first);
        QVERIFY_RESULT(client);
        QCOMPARE(await(second).value(), *client);
        QVERIFY(manager.embeddedPodman());
        QCOMPARE(manager.embeddedPodman()->state(), EmbeddedPodman::State::Running);
        QCOMPARE((*client)->endpoint().toString(),
                 QStringLiteral("unix://") + options.socketDir + QStringLiteral("/podman.sock"));
        QCOMPARE(statuses(status), (QList<Status> {Status::Locating, Status::StartingEmbedded, Status::Ready}));
        QCOMPARE(manager.clients().size(), 1);

        // When it dies, the manager says so and the next request starts it again.
        const qint64 pid = manager.embeddedPodman()->processId();
        QVERIFY(pid > 0);
        QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
        QTRY_COMPARE(manager.defaultEngineStatus(), Status::None);
        QVERIFY2(manager.defaultEngineDetail().contains(QStringLiteral("embedded Podman")),
                 qPrintable(manager.defaultEngineDetail()));
        const auto again = await(manager.defaultClient());
        QVERIFY_RESULT(again);
        QCOMPARE(*again, *client); // same socket, same client
        QCOMPARE(manager.defaultEngineStatus(), Status::Ready);

        manager.shutdown();
        QTRY_COMPARE(manager.embeddedPodman()->state(), EmbeddedPodman::State::Stopped);
        QCOMPARE(manager.defaultEngineStatus(), Status::None);
    }

    void failingEmbeddedPodmanSaysWhy()
    {
        EngineManager manager(*m_store.db);
        FakeProbe probe; // never answers, not even the embedded socket
        EmbeddedPodman::Options options = embeddedOptions(QStringLiteral("/bin/false"));
        manager.setLocator(probe.probe(), environment(m_store.dir.path()));
        manager.setEmbeddedPodman(options);
        const auto client = await(manager.defaultClient());
        QVERIFY(!client);
        QVERIFY2(client.error().message.contains(QStringLiteral("embedded Podman failed")),
                 qPrintable(client.error().message));
        QCOMPARE(manager.defaultEngineStatus(), Status::None);
    }
};

QTEST_GUILESS_MAIN(TestEngineManager)
#include "tst_enginemanager.moc"
