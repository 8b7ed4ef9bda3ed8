#pragma once

#include <QProcess>
#include <QString>

// Running the real knot-cli binary from a test.
namespace KnotTest {

// What a run printed and returned; exit code -1 when it did not finish in time.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Starts `process` (program, arguments and environment already set) with no input and waits for it.
inline CliRun runCli(QProcess& process, int timeoutMs)
{
    process.start();
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, {}, QStringLiteral("knot-cli timed out")};
    }
    return {process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace KnotTest
