#pragma once

#include "core/engine/enginelocator.h"

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace Knot {

// The embedded default engine: when no engine answers and `podman` is installed, the app runs
// `podman system service --time=0 unix://<private socket>` as a child process. The user's own
// Podman configuration and storage are used (no private CONTAINERS_CONF: the spaces should be
// the same containers `podman ps` shows); callers may still pass an environment, as the tests do.
class EmbeddedPodman : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,  // not started, or stopped on request
        Starting, // process running, `_ping` not answered yet
        Running,  // endpoint() answers
        Stopping, // SIGTERM sent, SIGKILL after the grace period
        Failed,   // could not start, exited on its own or never answered: errorString()
    };
    Q_ENUM(State)

    struct Options
    {
        QString program = QStringLiteral("podman");
        // Folder of the socket; empty: $XDG_RUNTIME_DIR/knot-desktop, else a per-user temp folder.
        QString socketDir;
        QStringList globalArguments; // before "system service", e.g. --root/--runroot
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        std::chrono::milliseconds readyTimeout = std::chrono::seconds(60);
        std::chrono::milliseconds pingInterval = std::chrono::milliseconds(200);
        std::chrono::milliseconds stopGrace = std::chrono::seconds(5);
    };

    EmbeddedPodman(EngineLocator::Probe probe, Options options, QObject* parent = nullptr);
    // Kills a still running service (QProcess does): call stop() first for a clean shutdown.
    ~EmbeddedPodman() override;

    // True when the program can be found in PATH (or is an existing executable path).
    static bool isAvailable(const QString& program = QStringLiteral("podman"));

    void start();
    void stop();

    State state() const { return m_state; }
    QString errorString() const { return m_errorString; }
    QString endpoint() const; // unix://…/podman.sock, valid once started
    qint64 processId() const { return m_process.processId(); }

Q_SIGNALS:
    void stateChanged(Knot::EmbeddedPodman::State state);

private:
    void setState(State state);
    void fail(const QString& message);
    void ping();
    void onFinished(int exitCode, QProcess::ExitStatus status);

    EngineLocator::Probe m_probe;
    Options m_options;
    QProcess m_process;
    QTimer m_pingTimer;
    QTimer m_killTimer;
    QString m_socketPath;
    QString m_errorString;
    State m_state = State::Stopped;
    bool m_pingInFlight = false;
    std::chrono::steady_clock::time_point m_startedAt;
};

} // namespace Knot
