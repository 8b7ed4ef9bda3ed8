#include "core/engine/enginelocator.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Knot;
using namespace std::chrono_literals;

namespace {

// A fake engine on a Unix socket: answers `_ping` with the given reply, or never answers.
class FakeEngine : public QObject
{
public:
    enum class Behaviour
    {
        AnswersOk,
        AnswersError,
        Silent,
    };

    FakeEngine(const QString& path, Behaviour behaviour) : m_behaviour(behaviour)
    {
        QVERIFY2(m_server.listen(path), qPrintable(m_server.errorString()));
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QIODevice::readyRead, socket, [this, socket] {
                    if (!socket->readAll().contains("\r\n\r\n") || m_behaviour == Behaviour::Silent)
                        return;
                    if (m_behaviour == Behaviour::AnswersOk)
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK");
                    else
                        socket->write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nfail");
                    socket->disconnectFromServer();
                });
            }
        });
    }

private:
    QLocalServer m_server;
    Behaviour m_behaviour;
};

} // namespace

class TestEngineLocator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    EngineLocator::Environment environment(const QString& dockerHost = {}) const
    {
        EngineLocator::Environment env;
        env.dockerHost = dockerHost;
        env.xdgRuntimeDir = m_dir.filePath(QStringLiteral("xdg"));
        env.dockerSocket = m_dir.filePath(QStringLiteral("docker.sock"));
        env.rootfulPodmanSocket = m_dir.filePath(QStringLiteral("rootful-podman.sock"));
        return env;
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    static std::optional<EngineCandidate> locate(EngineLocator& locator)
    {
        QFuture<std::optional<EngineCandidate>> future = locator.locate();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000); }();
        return future.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("xdg/podman")));
    }

    void candidatesFollowTheDesignOrder()
    {
        EngineLocator locator(EngineLocator::pingProbe(), environment(QStringLiteral("tcp://remote:2375")));
        const QList<EngineCandidate> candidates = locator.candidates();
        QStringList sources;
        for (const EngineCandidate& candidate : candidates)
            sources.append(candidate.source);
        QCOMPARE(sources,
                 (QStringList {QStringLiteral("DOCKER_HOST"),
                               QStringLiteral("Docker"),
                               QStringLiteral("rootless Docker"),
                               QStringLiteral("rootless Podman"),
                               QStringLiteral("Podman")}));
        QCOMPARE(candidates.at(0).endpoint, QStringLiteral("tcp://remote:2375"));
        QCOMPARE(candidates.at(3).endpoint, QStringLiteral("unix://") + path(QStringLiteral("xdg/podman/podman.sock")));
    }

    void withoutRuntimeDirOnlySystemSockets()
    {
        EngineLocator::Environment env = environment();
        env.xdgRuntimeDir.clear();
        EngineLocator locator(EngineLocator::pingProbe(), env);
        QCOMPARE(locator.candidates().size(), 2);
    }

    void sameSocketIsProbedOnce()
    {
        const EngineLocator::Environment env = environment();
        EngineLocator locator(EngineLocator::pingProbe(), environment(QStringLiteral("unix://") + env.dockerSocket));
        QCOMPARE(locator.candidates().size(), 4);
        QCOMPARE(locator.candidates().at(0).source, QStringLiteral("DOCKER_HOST"));
    }

    void noEngineAnswers()
    {
        EngineLocator locator(EngineLocator::pingProbe(200ms), environment());
        QCOMPARE(locate(locator), std::nullopt);
    }

    void rootfulPodmanAsLastResort()
    {
        FakeEngine podman(path(QStringLiteral("rootful-podman.sock")), FakeEngine::Behaviour::AnswersOk);
        EngineLocator locator(EngineLocator::pingProbe(), environment());
        const auto found = locate(locator);
        QVERIFY(found);
        QCOMPARE(found->source, QStringLiteral("Podman"));
    }

    void rootlessPodmanBeforeRootful()
    {
        FakeEngine rootful(path(QStringLiteral("rootful-podman.sock")), FakeEngine::Behaviour::AnswersOk);
        FakeEngine rootless(path(QStringLiteral("xdg/podman/podman.sock")), FakeEngine::Behaviour::AnswersOk);
        EngineLocator locator(EngineLocator::pingProbe(), environment());
        const auto found = locate(locator);
        QVERIFY(found);
        QCOMPARE(found->source, QStringLiteral("rootless Podman"));
        QCOMPARE(found->endpoint, QStringLiteral("unix://") + path(QStringLiteral("xdg/podman/podman.sock")));
    }

    void dockerBeforePodman()
    {
        FakeEngine podman(path(QStringLiteral("xdg/podman/podman.sock")), FakeEngine::Behaviour::AnswersOk);
        FakeEngine rootlessDocker(path(QStringLiteral("xdg/docker.sock")), FakeEngine::Behaviour::AnswersOk);
        FakeEngine docker(path(QStringLiteral("docker.sock")), FakeEngine::Behaviour::AnswersOk);
        EngineLocator locator(EngineLocator::pingProbe(), environment());
        const auto found = locate(locator);
        QVERIFY(found);
        QCOMPARE(found->source, QStringLiteral("Docker"));
    }

    void dockerHostFirst()
    {
        FakeEngine docker(path(QStringLiteral("docker.sock")), FakeEngine::Behaviour::AnswersOk);
        FakeEngine custom(path(QStringLiteral("custom.sock")), FakeEngine::Behaviour::AnswersOk);
        EngineLocator locator(EngineLocator::pingProbe(),
                              environment(QStringLiteral("unix://") + path(QStringLiteral("custom.sock"))));
        const auto found = locate(locator);
        QVERIFY(found);
        QCOMPARE(found->source, QStringLiteral("DOCKER_HOST"));
    }

    void brokenAndSilentEnginesFallThrough()
    {
        FakeEngine broken(path(QStringLiteral("docker.sock")), FakeEngine::Behaviour::AnswersError);
        FakeEngine silent(path(QStringLiteral("xdg/docker.sock")), FakeEngine::Behaviour::Silent);
        FakeEngine podman(path(QStringLiteral("rootful-podman.sock")), FakeEngine::Behaviour::AnswersOk);
        EngineLocator locator(EngineLocator::pingProbe(300ms),
                              environment(QStringLiteral("ssh://user@host"))); // not probed: unsupported
        const auto found = locate(locator);
        QVERIFY(found);
        QCOMPARE(found->source, QStringLiteral("Podman"));
    }

    void injectedProbeDecides()
    {
        QStringList probed;
        auto probe = [&probed](const QString& endpoint) {
            probed.append(endpoint);
            return QtFuture::makeReadyFuture(endpoint.endsWith(QStringLiteral("xdg/docker.sock")));
        };
        EngineLocator locator(probe, environment());
        const auto found = locate(locator);
        QVERIFY(found);
        QCOMPARE(found->source, QStringLiteral("rootless Docker"));
        QCOMPARE(probed.size(), locator.candidates().size());
    }
};

QTEST_GUILESS_MAIN(TestEngineLocator)
#include "tst_enginelocator.moc"
