#pragma once

#include "core/forward/listeningport.h"
#include "core/result.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

namespace Knot {

class EngineClient;
class PortForward;
class RelayInstaller;

// Reaches TCP services inside running containers, also those bound to the container's loopback
// only (code-server, VNC), without published ports: a local listener on 127.0.0.1:<free port>
// runs the knot-relay helper through exec for each connection it accepts (DESIGN.md, "Reaching
// services inside a space"). Works on any engine the client talks to, remote ones included.
//
// One forward per (engine, container, port) is kept and reused until stop() or until the
// container is gone. All calls return at once; nothing blocks the caller's thread.
class PortForwarder : public QObject
{
    Q_OBJECT

public:
    // With the knot-relay embedded in knot_core.
    explicit PortForwarder(QObject* parent = nullptr);
    // With another relay installer (tests, benchmarks); not owned.
    explicit PortForwarder(RelayInstaller* installer, QObject* parent = nullptr);
    ~PortForwarder() override;

    // Forwards 127.0.0.1:<returned port> to `containerPort` inside the container, or returns the
    // existing forward's port. `spaceName` only words messages ("space 'web'"). Fails only when
    // no local port can be opened or the port number is invalid; problems reaching the service
    // are reported per connection through connectionFailed().
    Result<quint16>
    forward(EngineClient* client, const QString& containerId, int containerPort, const QString& spaceName = {});
    // The local port of an active forward, 0 when there is none.
    quint16 localPort(EngineClient* client, const QString& containerId, int containerPort) const;
    // Open connections through a forward.
    int connectionCount(EngineClient* client, const QString& containerId, int containerPort) const;
    // Ends one forward and its connections (forwardStopped follows with an empty message).
    void stop(EngineClient* client, const QString& containerId, int containerPort);
    // Ends every forward into a container (call it when the space stops).
    void stopAll(EngineClient* client, const QString& containerId);

    // TCP ports something listens on inside the container (`knot-relay ports`, /proc/net/tcp*),
    // sorted by port.
    QFuture<Result<QList<ListeningPort>>> listListeningPorts(EngineClient* client, const QString& containerId);

    RelayInstaller* installer() const { return m_installer; }

Q_SIGNALS:
    // One connection through a forward failed, e.g. "Nothing listens on port 8080 in space 'web'".
    // Its local socket is closed; the forward stays.
    void connectionFailed(const QString& containerId, int containerPort, const QString& message);
    // A forward ended: `message` is empty after stop()/stopAll(), else why (the container stopped).
    void forwardStopped(const QString& containerId, int containerPort, const QString& message);

private:
    PortForward* find(EngineClient* client, const QString& containerId, int containerPort) const;

    RelayInstaller* m_installer;
    QList<PortForward*> m_forwards;
};

} // namespace Knot
