#pragma once

#include "core/engine/engineendpoint.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

class QProcess;
class QProcessEnvironment;
class QTemporaryDir;

namespace Knot {

// Reaches an ssh:// engine: one `ssh -L` process forwards the remote engine's Unix socket to a
// local one, so every HTTP request, event stream and exec to that engine is a plain local-socket
// connection carried by one SSH session. One handshake for all of them, and the user's own ssh
// (config, agent, known_hosts) decides how to log in; nothing is required on the remote machine
// but sshd and the engine. BatchMode: ssh never prompts; a key or agent must do.
class SshTunnel : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QStringList command {QStringLiteral("ssh")}; // program and leading arguments
        int readyTimeoutMs = 20000;

        // $KNOT_SSH_COMMAND when set (like GIT_SSH_COMMAND: `ssh -F "/path/my config" -i key`, words split as
        // QProcess::splitCommand does, double quotes group), else ssh.
        static Options fromEnvironment(const QProcessEnvironment& environment);
    };

    enum class State
    {
        Idle,
        Starting,
        Ready,
    };

    SshTunnel(const EngineEndpoint& remote, Options options, QObject* parent = nullptr);
    ~SshTunnel() override;

    const EngineEndpoint& remote() const { return m_remote; }
    State state() const { return m_state; }
    bool isReady() const { return m_state == State::Ready; }
    // The local socket the engine answers on while Ready.
    EngineEndpoint localEndpoint() const;
    // The ssh command line start() runs (for messages and tests).
    QStringList commandLine() const;

    // Starts ssh unless it is starting or ready; ready() or failed() follows from the event loop.
    // After a failure or after ssh exits, the next start() tries again.
    void start();

Q_SIGNALS:
    void ready();
    // ssh could not set up the forward (or exited before): its own last words, as a sentence.
    void failed(const QString& message);
    // A ready tunnel's ssh exited (network gone, remote reboot): connections through it are dead.
    void closed(const QString& message);

private:
    void checkReady();
    void onFinished(QProcess* process);
    QString sshMessage(QProcess* process) const;
    void fail(const QString& message);
    // Ends the current ssh (SIGKILL: it holds no state worth a goodbye) without hearing from it.
    void dropProcess();

    EngineEndpoint m_remote;
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir; // holds the local socket, private to this user
    QProcess* m_process = nullptr;        // a new one per start(), so a dying one never interferes
    QTimer m_poll;
    QTimer m_timeout;
    State m_state = State::Idle;
};

} // namespace Knot
