#include "clirun.h"
#include "core/engine/dockerclient.h"
#include "core/engine/execsession.h"
#include "core/engine/httpclient.h"
#include "core/engine/sshtunnel.h"
#include "enginetestsupport.h"
#include "sshdfixture.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Knot;

// An engine reached over ssh://: a private sshd (packaging/test-engines/start-sshd.sh) on
// 127.0.0.1 forwards to the test engine's socket. Everything the app does with an engine -- plain
// requests, an upgraded exec stream, the command-line tool -- goes through the one ssh session.
class TestSshEngine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    KnotTest::PrivateSshd m_sshd;
    QString m_engineSocket;
    QString m_label;

    // knot-cli on the database file `database`, pointed at the engine through ssh.
    KnotTest::CliRun cli(const QString& database, const QStringList& arguments) const
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("KNOT_DESKTOP_DB"), m_dir.filePath(database));
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(KNOT_CLI_PATH));
        process.setArguments(QStringList {QStringLiteral("--engine"), KnotTest::PrivateSshd::endpoint(m_engineSocket)}
                             + arguments);
        return KnotTest::runCli(process, KnotTest::EngineTimeoutMs);
    }

    std::unique_ptr<DockerClient> client(const QString& socket) const
    {
        auto endpoint = EngineEndpoint::parse(KnotTest::PrivateSshd::endpoint(socket));
        return endpoint ? std::make_unique<DockerClient>(*endpoint) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto local = EngineEndpoint::parse(qEnvironmentVariable("KNOT_TEST_ENDPOINT"));
        QVERIFY_RESULT(local);
        QCOMPARE(local->transport, EngineEndpoint::Transport::Unix);
        m_engineSocket = local->path;
        m_label = QStringLiteral("knot.test=") + KnotTest::unique(QStringLiteral("ssh-"));

        // How users point us at their own ssh options: start() sets KNOT_SSH_COMMAND, read when a client is made.
        const QString sshd = m_sshd.start();
        QVERIFY2(sshd.isEmpty(), qPrintable(sshd));
    }

    void cleanupTestCase()
    {
        if (auto engine = client(m_engineSocket)) {
            KnotTest::removeLabelled(*engine, m_label);
        }
        m_sshd.stop();
    }

    void requestsGoThroughOneTunnel()
    {
        auto engine = client(m_engineSocket);
        QVERIFY(engine);
        const auto version = KnotTest::await(engine->version());
        QVERIFY_RESULT(version);
        QCOMPARE(version->kind == EngineRecord::Kind::Podman ? QStringLiteral("podman") : QStringLiteral("docker"),
                 qEnvironmentVariable("KNOT_TEST_ENGINE"));
        SshTunnel* tunnel = engine->httpClient()->tunnel();
        QVERIFY(tunnel);
        QVERIFY(tunnel->isReady());
        const QString localSocket = tunnel->localEndpoint().path;
        QVERIFY(localSocket.startsWith(QDir::tempPath()));

        // Several calls at once share the tunnel: no second ssh.
        auto ping = engine->ping();
        auto containers = engine->listContainers(m_label);
        QVERIFY_RESULT(KnotTest::await(ping));
        QVERIFY_RESULT(KnotTest::await(containers));
        QCOMPARE(tunnel->localEndpoint().path, localSocket);
    }

    void execStreamThroughTunnel()
    {
        auto engine = client(m_engineSocket);
        QVERIFY(engine);
        const QString name = KnotTest::unique(QStringLiteral("knot-ssh-"));
        const QJsonObject body {
            {QStringLiteral("Image"),
             qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"))},
            {QStringLiteral("Cmd"), QJsonArray {QStringLiteral("sleep"), QStringLiteral("300")}},
            {QStringLiteral("Labels"), QJsonObject {{m_label.section(u'=', 0, 0), m_label.section(u'=', 1)}}},
        };
        const auto created = KnotTest::await(engine->createContainer(name, body));
        QVERIFY_RESULT(created);
        QVERIFY_RESULT(KnotTest::await(engine->startContainer(*created)));

        // The hijacked (upgraded) stream of an interactive shell, typed into and answered.
        ExecOptions options;
        options.command = {QStringLiteral("sh")};
        options.tty = true;
        ExecSession* session = engine->startExec(*created, options, this);
        QByteArray output;
        connect(session, &ExecSession::output, this, [&](const QByteArray& data) { output += data; });
        QSignalSpy finished(session, &ExecSession::finished);
        session->write("echo over''ssh\n");
        QTRY_VERIFY_WITH_TIMEOUT(output.contains("overssh"), KnotTest::EngineTimeoutMs);
        session->write("exit 5\n");
        QVERIFY(finished.wait(KnotTest::EngineTimeoutMs));
        QCOMPARE(finished.first().first().toInt(), 5);
        delete session;
    }

    void commandLineToolUsesSsh()
    {
        const KnotTest::CliRun run = cli(QStringLiteral("cli.db"), {QStringLiteral("engine"), QStringLiteral("test")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(KnotTest::PrivateSshd::endpoint(m_engineSocket)), qPrintable(run.out));
        QVERIFY2(run.out.contains(qEnvironmentVariable("KNOT_TEST_ENGINE")), qPrintable(run.out));
    }

    // Host paths are the engine's machine's: `~` on this machine means nothing there, so a space whose template
    // mounts it does not start, and says which volume and why.
    void remoteEngineRefusesHomeRelativeVolumes()
    {
        const QString name = KnotTest::unique(QStringLiteral("sshvol-"));
        const QString path = m_dir.filePath(name + QStringLiteral(".yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("name: %1\n"
                                  "platform: docker\n"
                                  "job: |\n"
                                  "  image: %2\n"
                                  "  command: [\"sleep\", \"600\"]\n"
                                  "  volumes:\n"
                                  "    - ~/code:/workspace\n")
                       .arg(name, qEnvironmentVariable("KNOT_TEST_IMAGE"))
                       .toUtf8());
        file.close();
        const QString database = QStringLiteral("volumes.db");
        const auto imported = cli(database, {QStringLiteral("template"), QStringLiteral("import"), path});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out + imported.err));
        const auto created = cli(database,
                                 {QStringLiteral("space"),
                                  QStringLiteral("create"),
                                  name,
                                  QStringLiteral("--template"),
                                  name,
                                  QStringLiteral("--shell"),
                                  QStringLiteral("sh")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.out + created.err));
        const auto started = cli(database, {QStringLiteral("space"), QStringLiteral("start"), name});
        const QString output = started.out + started.err;
        QVERIFY2(started.exitCode != 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("The volume ~/code:/workspace needs a home folder")),
                 qPrintable(output));
    }

    void errorsSayWhatFailed()
    {
        // Logged in, but no engine on that path on the remote machine.
        auto noEngine = client(QStringLiteral("/run/knot-no-such-engine.sock"));
        QVERIFY(noEngine);
        const auto missing = KnotTest::await(noEngine->version());
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QStringLiteral("nothing answers on /run/knot-no-such-engine.sock")),
                 qPrintable(missing.error().toString()));

        // No sshd at all: ssh's own words reach the user.
        m_sshd.useSshOptions(QStringLiteral("-p %1").arg(KnotTest::freePort()));
        auto refused = client(m_engineSocket);
        const auto unreachable = KnotTest::await(refused->version());
        m_sshd.useSshOptions();
        QVERIFY(!unreachable.ok());
        QCOMPARE(unreachable.error().kind, Error::Kind::Unreachable);
        QVERIFY2(unreachable.error().message.contains(QStringLiteral("Connection refused")),
                 qPrintable(unreachable.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestSshEngine)
#include "tst_sshengine.moc"
