#include "core/engine/sshtunnel.h"

#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTest>

using namespace Knot;

class TestSshTunnel : public QObject
{
    Q_OBJECT

private:
    static EngineEndpoint remote(const QString& text) { return EngineEndpoint::parse(text).value(); }

    // Stands in for ssh: `script` runs with ssh's arguments as $1, $2, ...
    static SshTunnel::Options fakeSsh(const QString& script)
    {
        SshTunnel::Options options;
        options.command = {QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("fake-ssh")};
        return options;
    }

private Q_SLOTS:
    void commandLineForwardsTheRemoteSocket()
    {
        SshTunnel tunnel(remote(QStringLiteral("ssh://dev@box:2222/run/user/1000/podman/podman.sock")), {});
        const QStringList line = tunnel.commandLine();
        QCOMPARE(line.first(), QStringLiteral("ssh"));
        QVERIFY(line.contains(QStringLiteral("BatchMode=yes")));
        QVERIFY(line.contains(QStringLiteral("ExitOnForwardFailure=yes")));
        const auto forward = line.indexOf(QStringLiteral("-L"));
        QVERIFY(forward > 0);
        QVERIFY2(line.at(forward + 1).endsWith(QStringLiteral(":/run/user/1000/podman/podman.sock")),
                 qPrintable(line.at(forward + 1)));
        QCOMPARE(line.at(line.indexOf(QStringLiteral("-p")) + 1), QStringLiteral("2222"));
        QCOMPARE(line.at(line.indexOf(QStringLiteral("-l")) + 1), QStringLiteral("dev"));
        // The host comes last, after "--", so a host name can never be read as an option.
        QCOMPARE(line.mid(line.size() - 2), QStringList({QStringLiteral("--"), QStringLiteral("box")}));

        // No user or port: ssh's own config decides.
        SshTunnel plain(remote(QStringLiteral("ssh://box")), {});
        QVERIFY(!plain.commandLine().contains(QStringLiteral("-p")));
        QVERIFY(!plain.commandLine().contains(QStringLiteral("-l")));
    }

    void sshCommandFromTheEnvironment()
    {
        QProcessEnvironment environment;
        QCOMPARE(SshTunnel::Options::fromEnvironment(environment).command, QStringList {QStringLiteral("ssh")});
        environment.insert(QStringLiteral("KNOT_SSH_COMMAND"), QStringLiteral("ssh -F \"/my dir/config\" -i key"));
        const auto options = SshTunnel::Options::fromEnvironment(environment);
        QCOMPARE(options.command,
                 QStringList({QStringLiteral("ssh"),
                              QStringLiteral("-F"),
                              QStringLiteral("/my dir/config"),
                              QStringLiteral("-i"),
                              QStringLiteral("key")}));
        SshTunnel tunnel(remote(QStringLiteral("ssh://box")), options);
        QCOMPARE(tunnel.commandLine().mid(0, 5), options.command);
    }

    void failuresCarrySshsWords()
    {
        // An ssh that gives up the way the real one does: a message on stderr, a non-zero exit.
        SshTunnel tunnel(remote(QStringLiteral("ssh://dev@box")),
                         fakeSsh(QStringLiteral("echo 'dev@box: Permission denied (publickey).' >&2; exit 255")));
        QSignalSpy failed(&tunnel, &SshTunnel::failed);
        QSignalSpy ready(&tunnel, &SshTunnel::ready);
        tunnel.start();
        QCOMPARE(tunnel.state(), SshTunnel::State::Starting);
        QVERIFY(failed.wait(10000));
        QCOMPARE(ready.count(), 0);
        QCOMPARE(failed.first().first().toString(),
                 QStringLiteral("ssh could not connect: dev@box: Permission denied (publickey)."));
        QCOMPARE(tunnel.state(), SshTunnel::State::Idle);

        // A program that is not there.
        SshTunnel::Options missing;
        missing.command = {QStringLiteral("/nonexistent/knot-ssh")};
        SshTunnel noSsh(remote(QStringLiteral("ssh://box")), missing);
        QSignalSpy noSshFailed(&noSsh, &SshTunnel::failed);
        noSsh.start();
        QVERIFY(noSshFailed.wait(10000));
        QVERIFY2(noSshFailed.first().first().toString().startsWith(QStringLiteral("Cannot run /nonexistent/knot-ssh")),
                 qPrintable(noSshFailed.first().first().toString()));
    }

    void readyOnceTheLocalSocketExists()
    {
        // Creates the forward's local end (the argument after -L, up to the colon), then stays, as
        // ssh -N does.
        SshTunnel tunnel(
            remote(QStringLiteral("ssh://box")),
            fakeSsh(QStringLiteral("while [ \"$1\" != -L ]; do shift; done; touch \"${2%%:*}\"; exec sleep 30")));
        QSignalSpy ready(&tunnel, &SshTunnel::ready);
        tunnel.start();
        QVERIFY(ready.wait(10000));
        QVERIFY(tunnel.isReady());
        QVERIFY(tunnel.localEndpoint().path.endsWith(QStringLiteral("/engine.sock")));
        tunnel.start(); // already up: nothing happens
        QCOMPARE(ready.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSshTunnel)
#include "tst_sshtunnel.moc"
