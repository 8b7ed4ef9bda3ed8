#include "core/forward/portforward.h"

#include "core/engine/engineclient.h"
#include "core/engine/execsession.h"
#include "core/forward/relayconnection.h"
#include "core/forward/relayinstaller.h"
#include "core/logging.h"
#include "core/space/futurecallback.h"

#include <QTcpSocket>

namespace Knot {

namespace {
// Exit codes of a shell or the engine when the file to run is missing or not executable.
constexpr int NotExecutable = 126;
constexpr int NotFound = 127;
} // namespace

PortForward::PortForward(EngineClient* client,
                         RelayInstaller* installer,
                         const QString& containerId,
                         int containerPort,
                         const QString& spaceName,
                         QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_installer(installer)
    , m_containerId(containerId)
    , m_containerPort(containerPort)
    , m_spaceName(spaceName)
{
    connect(&m_server, &QTcpServer::newConnection, this, &PortForward::onNewConnection);
}

PortForward::~PortForward()
{
    m_server.close();
    qDeleteAll(m_waiting);
    // Connections are children; deleting them ends their execs.
}

QString PortForward::spaceLabel() const
{
    return m_spaceName.isEmpty() ? QStringLiteral("container %1").arg(m_containerId.left(12))
                                 : QStringLiteral("space '%1'").arg(m_spaceName);
}

Result<quint16> PortForward::listen()
{
    if (m_containerPort < 1 || m_containerPort > 65535) {
        return Error::invalid(QStringLiteral("%1 is not a valid port number").arg(m_containerPort));
    }
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        return Error::io(
            QStringLiteral("Could not open a local port for port %1 of %2").arg(m_containerPort).arg(spaceLabel()),
            m_server.errorString());
    }
    installRelay();
    return m_server.serverPort();
}

void PortForward::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        if (m_stopped) {
            socket->abort();
            socket->deleteLater();
        } else if (m_relayReady) {
            startRelay(socket);
        } else {
            socket->setParent(this);
            m_waiting.append(socket);
            if (!m_installing) {
                // The relay vanished (a tmpfs /tmp and a restart): put it back first.
                installRelay();
            }
        }
    }
}

void PortForward::installRelay()
{
    m_installing = true;
    onFinished(m_installer->install(m_client, m_containerId), this, [this](const VoidResult& result) {
        m_installing = false;
        m_relayReady = result.ok();
        for (const QPointer<QTcpSocket>& socket : std::exchange(m_waiting, {})) {
            if (socket && result.ok()) {
                startRelay(socket);
            } else if (socket) {
                socket->abort();
                socket->deleteLater();
            }
        }
        if (!result.ok()) {
            stop(QStringLiteral("Could not reach port %1 in %2: %3")
                     .arg(m_containerPort)
                     .arg(spaceLabel(), result.error().message));
        }
    });
}

void PortForward::startRelay(QTcpSocket* socket)
{
    if (!m_client) {
        socket->abort();
        socket->deleteLater();
        stop(QStringLiteral("The engine connection is gone"));
        return;
    }
    ExecOptions options;
    options.command = {m_installer->path(), QStringLiteral("connect"), QString::number(m_containerPort)};
    options.tty = false;
    options.attachStdin = true;
    ExecSession* session = m_client->startExec(m_containerId, options, nullptr);
    auto* connection = new RelayConnection(socket, session, this);
    m_connections.append(connection);
    connect(connection, &RelayConnection::failed, this, &PortForward::onRelayFailed);
    connect(connection, &RelayConnection::finished, this, [this, connection] {
        m_connections.removeOne(connection);
        connection->deleteLater();
    });
}

void PortForward::onRelayFailed(int exitCode, const QString& relayMessage, bool execFailed)
{
    if (execFailed) {
        // The exec could not even start: the container stopped or was removed.
        stop(QStringLiteral("Port %1 of %2 is no longer reachable: %3")
                 .arg(m_containerPort)
                 .arg(spaceLabel(), relayMessage));
        return;
    }
    if (exitCode == NotFound || exitCode == NotExecutable) {
        m_installer->forget(m_client, m_containerId);
        m_relayReady = false;
    }
    // The relay says "<reason> to 127.0.0.1:PORT"; Podman may replace its stderr with an attach
    // error when it exits quickly, so exit code 2 alone means it could not connect.
    const QString suffix = QStringLiteral(":%1").arg(m_containerPort);
    QString reason;
    for (const QString& line : relayMessage.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.trimmed().endsWith(suffix)) {
            reason = line.trimmed();
        }
    }
    QString message;
    if (exitCode == 2 && (reason.isEmpty() || reason.startsWith(QStringLiteral("connection refused")))) {
        message = QStringLiteral("Nothing listens on port %1 in %2").arg(m_containerPort).arg(spaceLabel());
    } else {
        message = QStringLiteral("Could not reach port %1 in %2: %3")
                      .arg(m_containerPort)
                      .arg(spaceLabel(), reason.isEmpty() ? relayMessage : reason);
    }
    Q_EMIT connectionFailed(message);
}

void PortForward::stop(const QString& message)
{
    if (m_stopped) {
        return;
    }
    m_stopped = true;
    m_server.close();
    for (const QPointer<QTcpSocket>& socket : std::exchange(m_waiting, {})) {
        if (socket) {
            socket->abort();
            socket->deleteLater();
        }
    }
    for (RelayConnection* connection : std::exchange(m_connections, {})) {
        connection->disconnect(this);
        connection->close();
        connection->deleteLater();
    }
    Q_EMIT stopped(message);
}

} // namespace Knot
