#pragma once

#include "testutils.h"

#include <QProcess>
#include <QTemporaryDir>

namespace KnotTest {

// A private sshd on a free port (packaging/test-engines/start-sshd.sh), so the test engine can be
// reached as a remote ssh:// one. start() points KNOT_SSH_COMMAND at its client config, the way users
// give us their own ssh options; the sshd is ended by stop() or when this goes.
struct PrivateSshd
{
    QTemporaryDir dir;
    qint64 pid = 0;
    int port = 0;

    // Empty when it runs, else why not.
    QString start()
    {
        if (!dir.isValid()) {
            return QStringLiteral("no temporary folder for the sshd");
        }
        port = freePort();
        QProcess script;
        script.start(QStringLiteral("bash"),
                     {qEnvironmentVariable("KNOT_TEST_SCRIPTS") + QStringLiteral("/start-sshd.sh"),
                      dir.filePath(QStringLiteral("sshd")),
                      QString::number(port)});
        if (!script.waitForFinished(60000)) {
            return QStringLiteral("start-sshd.sh did not finish within a minute");
        }
        if (script.exitCode() != 0) {
            return QStringLiteral("start-sshd.sh failed: ") + QString::fromUtf8(script.readAllStandardError());
        }
        // It prints "PORT PID".
        pid = QString::fromUtf8(script.readAllStandardOutput()).section(u' ', 1).trimmed().toLongLong();
        if (pid <= 0) {
            return QStringLiteral("start-sshd.sh printed no pid");
        }
        useSshOptions();
        return {};
    }

    // `ssh -F <its client config>` plus `extraOptions` as KNOT_SSH_COMMAND.
    void useSshOptions(const QString& extraOptions = {}) const
    {
        const QString command = QStringLiteral("ssh -F %1").arg(dir.filePath(QStringLiteral("sshd/ssh_config")));
        qputenv("KNOT_SSH_COMMAND", (extraOptions.isEmpty() ? command : command + u' ' + extraOptions).toUtf8());
    }

    // The engine at `socket` on the sshd's machine (this one), as an ssh:// address.
    static QString endpoint(const QString& socket) { return QStringLiteral("ssh://knot-test-sshd") + socket; }

    void stop()
    {
        if (pid > 0) {
            QProcess::execute(QStringLiteral("kill"), {QStringLiteral("-TERM"), QString::number(pid)});
            pid = 0;
        }
    }
    ~PrivateSshd() { stop(); }
};

} // namespace KnotTest
