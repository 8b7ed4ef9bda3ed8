#pragma once

#include "core/engine/engineendpoint.h"
#include "core/engine/httprequest.h"

#include <QList>
#include <QObject>

namespace Knot {

class HttpReply;
class SshTunnel;
class StreamSocket;

// HTTP/1.1 client for one engine endpoint, fully asynchronous on the Qt event loop. Keeps a
// small pool of idle keep-alive connections; streaming and upgraded requests get their own.
// An ssh:// endpoint is reached through an SshTunnel the client starts on its first request.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(const EngineEndpoint& endpoint, QObject* parent = nullptr);
    ~HttpClient() override;

    const EngineEndpoint& endpoint() const { return m_endpoint; }

    // Sends the request from the event loop (connect to the reply's signals first). The reply
    // belongs to `parent`; delete it with deleteLater() once finished().
    HttpReply* send(HttpRequest request, QObject* parent = nullptr);

    int idleConnectionCount() const { return static_cast<int>(m_idle.size()); }
    // The tunnel of an ssh:// endpoint (nullptr for the others).
    SshTunnel* tunnel() const { return m_tunnel; }

private:
    friend class HttpReply;

    // A new, unconnected connection to the engine (through the tunnel for ssh://).
    StreamSocket* newConnection() const;
    // An idle connection for reuse, or nullptr.
    StreamSocket* takeIdleConnection();
    // Called when a reply finished cleanly on a keep-alive connection.
    void releaseConnection(StreamSocket* socket);
    void dropIdle(StreamSocket* socket);

    EngineEndpoint m_endpoint;
    SshTunnel* m_tunnel = nullptr;
    QList<StreamSocket*> m_idle;
};

} // namespace Knot
