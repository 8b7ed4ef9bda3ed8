#include "core/engine/embeddedpodman.h"

#include "core/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <unistd.h>

namespace Knot {

EmbeddedPodman::EmbeddedPodman(EngineLocator::Probe probe, Options options, QObject* parent)
    : QObject(parent), m_probe(std::move(probe)), m_options(std::move(options))
{
    m_pingTimer.setInterval(m_options.pingInterval);
    m_pingTimer.setSingleShot(true);
    connect(&m_pingTimer, &QTimer::timeout, this, &EmbeddedPodman::ping);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcEngine) << "podman service ignored SIGTERM, killing it";
        m_process.kill();
    });
    connect(&m_process, &QProcess::finished, this, &EmbeddedPodman::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("Could not start %1: %2").arg(m_options.program, m_process.errorString()));
    });
}

EmbeddedPodman::~EmbeddedPodman()
{
    // No nested waiting here: QProcess's destructor kills and reaps the child. Podman's state lives
    // in its storage and conmon processes, so a killed API service loses nothing.
    disconnect(&m_process, nullptr, this, nullptr);
}

bool EmbeddedPodman::isAvailable(const QString& program)
{
    if (program.contains(u'/'))
        return QFileInfo(program).isExecutable();
    return !QStandardPaths::findExecutable(program).isEmpty();
}

QString EmbeddedPodman::endpoint() const
{
    return m_socketPath.isEmpty() ? QString() : QStringLiteral("unix://") + m_socketPath;
}

void EmbeddedPodman::start()
{
    if (m_state == State::Starting || m_state == State::Running || m_state == State::Stopping)
        return;
    m_errorString.clear();
    if (!isAvailable(m_options.program)) {
        fail(tr("Podman is not installed (%1 not found).").arg(m_options.program));
        return;
    }
    QString dir = m_options.socketDir;
    if (dir.isEmpty()) {
        const QString runtime = m_options.environment.value(QStringLiteral("XDG_RUNTIME_DIR"));
        dir = runtime.isEmpty()
                  ? QString(QDir::tempPath() + QStringLiteral("/knot-desktop-") + QString::number(getuid()))
                  : QString(runtime + QStringLiteral("/knot-desktop"));
    }
    if (!QDir().mkpath(dir)) {
        fail(tr("Could not create the folder %1 for the Podman socket.").arg(dir));
        return;
    }
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_socketPath = QDir(dir).filePath(QStringLiteral("podman.sock"));
    // A socket left by a crashed run would make the first pings fail oddly: start from nothing.
    QFile::remove(m_socketPath);

    QStringList arguments = m_options.globalArguments;
    arguments << QStringLiteral("system") << QStringLiteral("service") << QStringLiteral("--time=0")
              << QStringLiteral("unix://") + m_socketPath;
    m_process.setProcessEnvironment(m_options.environment);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    qCDebug(lcEngine) << "starting" << m_options.program << arguments;
    m_startedAt = std::chrono::steady_clock::now();
    setState(State::Starting);
    m_process.start(m_options.program, arguments);
    m_pingTimer.start();
}

void EmbeddedPodman::stop()
{
    m_pingTimer.stop();
    if (m_process.state() == QProcess::NotRunning) {
        if (m_state != State::Failed)
            setState(State::Stopped);
        return;
    }
    setState(State::Stopping);
    m_process.terminate();
    m_killTimer.start(m_options.stopGrace);
}

void EmbeddedPodman::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void EmbeddedPodman::fail(const QString& message)
{
    qCWarning(lcEngine).noquote() << message;
    m_errorString = message;
    m_pingTimer.stop();
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        m_killTimer.start(m_options.stopGrace);
    }
    setState(State::Failed);
}

void EmbeddedPodman::ping()
{
    if (m_state != State::Starting || m_pingInFlight)
        return;
    if (std::chrono::steady_clock::now() - m_startedAt > m_options.readyTimeout) {
        fail(tr("Podman did not answer on %1 in time.").arg(m_socketPath));
        return;
    }
    m_pingInFlight = true;
    m_probe(endpoint())
        .then(this,
              [this](bool ok) {
                  m_pingInFlight = false;
                  if (m_state != State::Starting)
                      return;
                  if (ok)
                      setState(State::Running);
                  else
                      m_pingTimer.start();
              })
        .onFailed(this, [this] {
            m_pingInFlight = false;
            if (m_state == State::Starting)
                m_pingTimer.start();
        });
}

void EmbeddedPodman::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_killTimer.stop();
    m_pingTimer.stop();
    QFile::remove(m_socketPath);
    if (m_state == State::Stopping) {
        setState(State::Stopped);
        return;
    }
    if (m_state == State::Failed)
        return;
    // It ended on its own: podman's own words are the best explanation.
    const QString output = QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed();
    const QString how = status == QProcess::CrashExit ? tr("crashed") : tr("exited with code %1").arg(exitCode);
    fail(output.isEmpty() ? tr("The Podman service %1.").arg(how)
                          : tr("The Podman service %1: %2").arg(how, output.right(2000)));
}

} // namespace Knot
