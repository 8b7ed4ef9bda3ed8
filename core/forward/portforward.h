#pragma once

#include "core/result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>

namespace Knot {

class EngineClient;
class RelayConnection;
class RelayInstaller;

// One forward: a listener on 127.0.0.1:<free port> whose connections each run
// `knot-relay connect PORT` in the container. Made and owned by PortForwarder.
class PortForward : public QObject
{
    Q_OBJECT

public:
    PortForward(EngineClient* client,
                RelayInstaller* installer,
                const QString& containerId,
                int containerPort,
                const QString& spaceName,
                QObject* parent = nullptr);
    ~PortForward() override;

    // Starts listening and installing the relay; connections wait for the relay.
    Result<quint16> listen();
    quint16 localPort() const { return m_server.serverPort(); }
    QString containerId() const { return m_containerId; }
    int containerPort() const { return m_containerPort; }
    EngineClient* client() const { return m_client; }
    int connectionCount() const { return int(m_connections.size()); }
    bool isActive() const { return m_server.isListening(); }

    // Closes the listener and every connection; emits stopped(message) once.
    void stop(const QString& message = {});

Q_SIGNALS:
    // One connection failed; the forward goes on (e.g. nothing listens on the port yet).
    void connectionFailed(const QString& message);
    // The forward ended: on request (empty message) or because the container is gone.
    void stopped(const QString& message);

private:
    void onNewConnection();
    void installRelay();
    void startRelay(QTcpSocket* socket);
    void onRelayFailed(int exitCode, const QString& relayMessage, bool execFailed);
    QString spaceLabel() const;

    QPointer<EngineClient> m_client;
    RelayInstaller* m_installer;
    QString m_containerId;
    int m_containerPort;
    QString m_spaceName;
    QTcpServer m_server;
    bool m_relayReady = false;
    bool m_installing = false;
    bool m_stopped = false;
    QList<QPointer<QTcpSocket>> m_waiting; // accepted before the relay was in place
    QList<RelayConnection*> m_connections;
};

} // namespace Knot
