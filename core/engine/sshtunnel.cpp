#include "core/engine/sshtunnel.h"

#include "core/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace Knot {

namespace {

// ssh polls nothing for us: the forward exists once its socket file does (ExitOnForwardFailure
// makes ssh exit instead when it cannot listen or log in).
constexpr int PollIntervalMs = 50;

} // namespace

SshTunnel::Options SshTunnel::Options::fromEnvironment(const QProcessEnvironment& environment)
{
    Options options;
    const QString custom = environment.value(QStringLiteral("KNOT_SSH_COMMAND")).trimmed();
    if (!custom.isEmpty()) {
        options.command = QProcess::splitCommand(custom);
    }
    return options;
}

SshTunnel::SshTunnel(const EngineEndpoint& remote, Options options, QObject* parent)
    : QObject(parent), m_remote(remote), m_options(std::move(options))
{
    m_poll.setInterval(PollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &SshTunnel::checkReady);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("ssh did not set up the connection to %1 within %2 s")
                 .arg(m_remote.toString())
                 .arg(m_options.readyTimeoutMs / 1000));
    });
}

SshTunnel::~SshTunnel()
{
    dropProcess();
}

void SshTunnel::dropProcess()
{
    if (QProcess* process = std::exchange(m_process, nullptr)) {
        process->disconnect(this);
        // SIGKILL ends ssh at once (it holds nothing worth a goodbye), so the reaping wait is short.
        process->kill();
        process->waitForFinished(1000);
        delete process;
    }
}

EngineEndpoint SshTunnel::localEndpoint() const
{
    EngineEndpoint local;
    local.path = m_dir ? m_dir->filePath(QStringLiteral("engine.sock")) : QString();
    return local;
}

QStringList SshTunnel::commandLine() const
{
    QStringList arguments = m_options.command;
    arguments << QStringLiteral("-N") << QStringLiteral("-T")                        // no shell, no tty
              << QStringLiteral("-o") << QStringLiteral("BatchMode=yes")             // never prompt
              << QStringLiteral("-o") << QStringLiteral("ExitOnForwardFailure=yes")  // fail, don't idle
              << QStringLiteral("-o") << QStringLiteral("StreamLocalBindUnlink=yes") // stale socket
              << QStringLiteral("-o") << QStringLiteral("ServerAliveInterval=15")    // notice a dead
              << QStringLiteral("-o") << QStringLiteral("ServerAliveCountMax=3")     // network
              << QStringLiteral("-L") << localEndpoint().path + u':' + m_remote.path;
    if (m_remote.port != 0) {
        arguments << QStringLiteral("-p") << QString::number(m_remote.port);
    }
    if (!m_remote.user.isEmpty()) {
        arguments << QStringLiteral("-l") << m_remote.user;
    }
    arguments << QStringLiteral("--") << m_remote.host;
    return arguments;
}

void SshTunnel::start()
{
    if (m_state != State::Idle) {
        return;
    }
    if (m_options.command.isEmpty()) {
        fail(tr("No ssh command to reach %1 (KNOT_SSH_COMMAND is empty)").arg(m_remote.toString()));
        return;
    }
    // A fresh private folder each time, so a socket left by an earlier ssh is never mistaken
    // for the new forward.
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/knot-ssh-XXXXXX"));
    if (!m_dir->isValid()) {
        fail(tr("Cannot create a folder for the connection to %1: %2").arg(m_remote.toString(), m_dir->errorString()));
        return;
    }
    m_state = State::Starting;
    const QStringList arguments = commandLine();
    qCInfo(lcEngine) << "Connecting to" << m_remote.toString() << "with" << arguments.join(u' ');
    auto* process = new QProcess(this);
    m_process = process;
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    connect(process, &QProcess::finished, this, [this, process] { onFinished(process); });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            fail(tr("Cannot run %1 to reach %2: %3")
                     .arg(m_options.command.value(0), m_remote.toString(), process->errorString()));
        }
    });
    process->start(arguments.first(), arguments.mid(1));
    m_poll.start();
    m_timeout.start(m_options.readyTimeoutMs);
}

void SshTunnel::checkReady()
{
    if (m_state != State::Starting || !QFileInfo(localEndpoint().path).exists()) {
        return;
    }
    m_poll.stop();
    m_timeout.stop();
    m_state = State::Ready;
    qCInfo(lcEngine) << "Connected to" << m_remote.toString() << "through" << localEndpoint().path;
    Q_EMIT ready();
}

void SshTunnel::onFinished(QProcess* process)
{
    const State was = std::exchange(m_state, State::Idle);
    m_poll.stop();
    m_timeout.stop();
    const QString message = sshMessage(process);
    if (process == m_process) {
        m_process = nullptr;
    }
    process->deleteLater();
    if (was == State::Ready) {
        qCWarning(lcEngine) << "Connection to" << m_remote.toString() << "closed:" << message;
        Q_EMIT closed(message);
    } else if (was == State::Starting) {
        Q_EMIT failed(message);
    }
}

QString SshTunnel::sshMessage(QProcess* process) const
{
    // ssh's last non-empty line says why (e.g. "Permission denied (publickey).").
    const QStringList lines = QString::fromLocal8Bit(process->readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
    const QString reason =
        lines.isEmpty() ? tr("ssh exited with code %1").arg(process->exitCode()) : lines.last().trimmed();
    return tr("ssh could not connect: %1").arg(reason);
}

void SshTunnel::fail(const QString& message)
{
    m_poll.stop();
    m_timeout.stop();
    m_state = State::Idle;
    // Later: fail() may run inside one of the process's own signals.
    if (QProcess* process = std::exchange(m_process, nullptr)) {
        process->disconnect(this);
        process->kill();
        process->deleteLater();
    }
    qCWarning(lcEngine) << message;
    Q_EMIT failed(message);
}

} // namespace Knot
