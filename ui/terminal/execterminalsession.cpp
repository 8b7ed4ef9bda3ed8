#include "ui/terminal/execterminalsession.h"

#include "core/engine/engineclient.h"
#include "core/engine/execsession.h"
#include "core/logging.h"

#include <QUuid>

namespace Knot {

namespace {

// Engines do not end an exec whose stream is closed (its shell would keep running, and with it
// anything started from it), so a detached terminal hangs up its processes itself: each carries
// the session's marker in its environment. $1 is the marker.
constexpr auto HangupScript = R"sh(for p in /proc/[0-9]*; do
  if tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qx "$1"; then kill -HUP "${p#/proc/}" 2>/dev/null; fi
done
exit 0)sh";

} // namespace

ExecTerminalSession::ExecTerminalSession(EngineClient* client,
                                         const QString& containerId,
                                         const ShellCommand& command,
                                         QObject* parent)
    : TerminalSession(parent)
    , m_client(client)
    , m_containerId(containerId)
    , m_command(command)
    , m_marker(QStringLiteral("KNOT_TERMINAL=") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    setHoldInputUntilOutput(HoldInputMs);
    m_resizeTimer.setSingleShot(true);
    m_resizeTimer.setInterval(ResizeDebounceMs);
    connect(&m_resizeTimer, &QTimer::timeout, this, [this] {
        if (m_exec) {
            m_exec->resize(m_rows, m_columns);
        }
    });
    // Back pressure: a paused exec stops reading its stream, so the engine and then the program
    // block on write instead of output piling up here.
    connect(this, &TerminalSession::outputPausedChanged, this, [this](bool paused) {
        if (m_exec) {
            m_exec->setOutputPaused(paused);
        }
    });
    QMetaObject::invokeMethod(this, &ExecTerminalSession::start, Qt::QueuedConnection);
}

ExecTerminalSession::~ExecTerminalSession()
{
    m_closed = true;
    detach();
}

void ExecTerminalSession::detach()
{
    if (!m_exec) {
        return;
    }
    m_exec->disconnect(this);
    const bool running = m_exec->state() == ExecSession::State::Running;
    m_exec->close();
    if (running && m_client) {
        ExecOptions hangup;
        hangup.command = {QStringLiteral("/bin/sh"),
                          QStringLiteral("-c"),
                          QString::fromLatin1(HangupScript),
                          QStringLiteral("knot-hangup"),
                          m_marker};
        hangup.user = m_command.user;
        // Runs on after this session is gone; the outcome only matters for the log.
        m_client->exec(m_containerId, hangup).then([](const Result<ExecResult>& result) {
            if (!result.ok()) {
                qCDebug(lcExec) << "terminal hangup failed:" << result.error().toString();
            }
        });
    }
}

void ExecTerminalSession::start()
{
    if (m_closed || m_exec) {
        return;
    }
    if (!m_client) {
        finish(tr("Engine unreachable: the engine connection is gone"));
        return;
    }
    ExecOptions options;
    options.command = m_command.command;
    options.environment = m_command.environment + QStringList {m_marker};
    options.user = m_command.user;
    options.workingDir = m_command.workingDir;
    options.tty = true;
    options.rows = m_rows;
    options.cols = m_columns;
    m_exec = m_client->startExec(m_containerId, options, this);
    m_exec->setOutputPaused(isOutputPaused());
    connect(m_exec, &ExecSession::output, this, &TerminalSession::output);
    connect(m_exec, &ExecSession::finished, this, &ExecTerminalSession::onFinished);
    if (!m_pendingInput.isEmpty()) {
        m_exec->write(std::exchange(m_pendingInput, {}));
    }
}

void ExecTerminalSession::send(const QByteArray& bytes)
{
    if (m_closed) {
        return;
    }
    if (m_exec) {
        m_exec->write(bytes);
    } else {
        m_pendingInput += bytes;
    }
}

void ExecTerminalSession::resize(int rows, int columns)
{
    if (rows <= 0 || columns <= 0 || (rows == m_rows && columns == m_columns)) {
        return;
    }
    m_rows = rows;
    m_columns = columns;
    // Before the start the size simply goes with the exec create.
    if (m_exec) {
        m_resizeTimer.start();
    }
}

void ExecTerminalSession::end(const QString& reason)
{
    if (m_closed) {
        return;
    }
    detach();
    finish(reason);
}

void ExecTerminalSession::onFinished(int exitCode)
{
    if (m_closed || !m_exec) {
        return;
    }
    const ExecSession::State state = m_exec->state();
    const VoidResult error = m_exec->error();
    if (state == ExecSession::State::Failed && !error.ok() && error.error().kind == Error::Kind::Cancelled) {
        return; // closed by us
    }
    if (!m_client) {
        finish(tr("Engine unreachable: the engine connection is gone"));
        return;
    }
    // The exec's end alone does not say why: a stopped container ends its execs too.
    m_client->inspectContainer(m_containerId)
        .then(this, [this, state, error, exitCode](const Result<ContainerInfo>& container) {
            if (m_closed) {
                return;
            }
            if (!container.ok() && container.error().kind == Error::Kind::Unreachable) {
                finish(tr("Engine unreachable: %1").arg(container.error().message));
            } else if (!container.ok() || !container->state.running) {
                finish(tr("Space stopped"));
            } else if (state == ExecSession::State::Failed) {
                const Error& failure = error.error();
                finish(failure.kind == Error::Kind::Unreachable
                           ? tr("Engine unreachable: %1").arg(failure.message)
                           : tr("The terminal could not start: %1").arg(failure.message));
            } else {
                finish(tr("Shell exited (code %1)").arg(exitCode));
            }
        });
}

void ExecTerminalSession::finish(const QString& reason)
{
    m_closed = true;
    m_resizeTimer.stop();
    if (m_exec) {
        m_exec->deleteLater();
        m_exec = nullptr;
    }
    qCDebug(lcExec) << "terminal session ended:" << reason;
    Q_EMIT closed(reason);
}

} // namespace Knot
