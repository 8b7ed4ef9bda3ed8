#pragma once

#include "testutils.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <csignal>

// A private Xvnc for the VNC tests, started by packaging/test-engines/start-vnc-server.sh.
namespace Knot::Test {

inline const QString VncPassword = QStringLiteral("knot-pw1");

using KnotTest::freePort;

// A real Xvnc started by packaging/test-engines/start-vnc-server.sh; killed by its own pid only.
struct VncServer
{
    QTemporaryDir dir;
    int port = 0;
    QString display;
    qint64 pid = 0;

    QString start()
    {
        port = freePort();
        QProcess script;
        script.start(QStringLiteral("bash"),
                     {QStringLiteral(KNOT_SOURCE_DIR "/packaging/test-engines/start-vnc-server.sh"),
                      dir.path(),
                      QString::number(port),
                      VncPassword});
        if (!script.waitForFinished(60'000) || script.exitCode() != 0)
            return QString::fromLocal8Bit(script.readAllStandardError());
        const QStringList parts = QString::fromLocal8Bit(script.readAllStandardOutput()).trimmed().split(u' ');
        if (parts.size() != 2)
            return QStringLiteral("unexpected script output: ") + parts.join(u' ');
        display = parts.at(0);
        pid = parts.at(1).toLongLong();
        return {};
    }

    void stop()
    {
        if (pid > 0)
            ::kill(pid_t(pid), SIGTERM);
        pid = 0;
    }

    ~VncServer() { stop(); }

    // Runs an X client against the server's display; returns its standard output.
    QString x(const QString& program, const QStringList& arguments) const
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DISPLAY"), display);
        process.setProcessEnvironment(environment);
        process.start(program, arguments);
        process.waitForFinished(30'000);
        return QString::fromLocal8Bit(process.readAllStandardOutput());
    }

    bool capsLockOn() const
    {
        return x(QStringLiteral("xset"), {QStringLiteral("q")})
            .contains(QRegularExpression(QStringLiteral("Caps Lock:\\s+on")));
    }

    // "X=<x>\nY=<y>\n…" as xdotool prints it.
    QString pointer() const
    {
        return x(QStringLiteral("xdotool"), {QStringLiteral("getmouselocation"), QStringLiteral("--shell")});
    }

    void fillRoot(const QString& colour) const { x(QStringLiteral("xsetroot"), {QStringLiteral("-solid"), colour}); }
};

} // namespace Knot::Test
