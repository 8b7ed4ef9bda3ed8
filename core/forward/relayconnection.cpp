#include "core/forward/relayconnection.h"

#include "core/engine/execsession.h"
#include "core/logging.h"

#include <QTcpSocket>

namespace Knot {

namespace {
// Bytes held per direction before the faster side has to wait.
constexpr qint64 HighWater = 1024 * 1024;
constexpr qint64 LowWater = 256 * 1024;
// Read from the local socket in pieces so one direction cannot starve the event loop.
constexpr qint64 Chunk = 256 * 1024;
// Keep the relay's stderr bounded: it is one line unless something is badly wrong.
constexpr qsizetype MaxErrorOutput = 4096;
} // namespace

RelayConnection::RelayConnection(QTcpSocket* socket, ExecSession* session, QObject* parent)
    : QObject(parent), m_socket(socket), m_session(session)
{
    socket->setParent(this);
    session->setParent(this);
    // Qt stops reading from the kernel once this much waits, so a slow exec stream pushes back.
    socket->setReadBufferSize(HighWater);

    connect(socket, &QTcpSocket::readyRead, this, &RelayConnection::pumpInput);
    connect(socket, &QTcpSocket::bytesWritten, this, &RelayConnection::onSocketBytesWritten);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        // The local client is gone: whatever the relay still sends has nowhere to go.
        m_session->close();
    });
    connect(session, &ExecSession::inputWritten, this, &RelayConnection::pumpInput);
    connect(session, &ExecSession::output, this, &RelayConnection::onOutput);
    connect(session, &ExecSession::errorOutput, this, [this](const QByteArray& data) {
        m_errorOutput.append(data.left(MaxErrorOutput - m_errorOutput.size()));
    });
    connect(session, &ExecSession::finished, this, &RelayConnection::onSessionFinished);
    pumpInput();
}

RelayConnection::~RelayConnection()
{
    m_session->disconnect(this);
    m_socket->disconnect(this);
    m_socket->abort();
}

void RelayConnection::pumpInput()
{
    if (m_finished) {
        return;
    }
    while (m_socket->bytesAvailable() > 0 && m_session->bytesToWrite() < HighWater) {
        m_session->write(m_socket->read(Chunk));
    }
}

void RelayConnection::onOutput(const QByteArray& data)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    m_socket->write(data);
    if (!m_outputPaused && m_socket->bytesToWrite() > HighWater) {
        m_outputPaused = true;
        m_session->setOutputPaused(true);
    }
}

void RelayConnection::onSocketBytesWritten()
{
    if (m_outputPaused && m_socket->bytesToWrite() < LowWater) {
        m_outputPaused = false;
        m_session->setOutputPaused(false);
    }
}

void RelayConnection::onSessionFinished(int exitCode)
{
    const bool execFailed = m_session->state() == ExecSession::State::Failed;
    const bool cancelled = execFailed && m_session->error().error().kind == Error::Kind::Cancelled;
    // 2: the relay could not connect; 126/127: the relay itself could not be run.
    if (!cancelled && (execFailed || exitCode == 2 || exitCode == 126 || exitCode == 127)) {
        const QString message =
            execFailed ? m_session->error().error().message : QString::fromUtf8(m_errorOutput).trimmed();
        qCDebug(lcForward) << "relay failed:" << exitCode << message;
        Q_EMIT failed(exitCode, message, execFailed);
        // Nothing was relayed: drop the client at once so it sees the failure.
        m_socket->abort();
    } else if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        // Closes once what the relay sent has been written out.
        m_socket->disconnectFromHost();
        if (m_socket->state() != QAbstractSocket::UnconnectedState) {
            connect(m_socket, &QTcpSocket::disconnected, this, &RelayConnection::finish);
            return;
        }
    }
    finish();
}

void RelayConnection::close()
{
    m_socket->abort();
    m_session->close();
    finish();
}

void RelayConnection::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    Q_EMIT finished();
}

} // namespace Knot
