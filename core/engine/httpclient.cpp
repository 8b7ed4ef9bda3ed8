#include "core/engine/httpclient.h"

#include "core/engine/httpreply.h"
#include "core/engine/sshtunnel.h"
#include "core/engine/streamsocket.h"

#include <QProcessEnvironment>

namespace Knot {

namespace {
// A desktop talks to one engine at a time; a few idle connections cover its parallel calls.
constexpr int MaxIdleConnections = 4;
} // namespace

HttpClient::HttpClient(const EngineEndpoint& endpoint, QObject* parent) : QObject(parent), m_endpoint(endpoint)
{
    if (endpoint.transport == EngineEndpoint::Transport::Ssh) {
        m_tunnel = new SshTunnel(
            endpoint, SshTunnel::Options::fromEnvironment(QProcessEnvironment::systemEnvironment()), this);
        // Idle connections went through the old session; the next request starts a new one.
        connect(m_tunnel, &SshTunnel::closed, this, [this] { qDeleteAll(std::exchange(m_idle, {})); });
    }
}

StreamSocket* HttpClient::newConnection() const
{
    return new StreamSocket(m_tunnel ? m_tunnel->localEndpoint() : m_endpoint);
}

HttpClient::~HttpClient() = default;

HttpReply* HttpClient::send(HttpRequest request, QObject* parent)
{
    auto* reply = new HttpReply(this, std::move(request), parent);
    QMetaObject::invokeMethod(reply, &HttpReply::start, Qt::QueuedConnection);
    return reply;
}

StreamSocket* HttpClient::takeIdleConnection()
{
    while (!m_idle.isEmpty()) {
        StreamSocket* socket = m_idle.takeLast();
        socket->disconnect(this);
        if (socket->isConnected() && socket->bytesAvailable() == 0) {
            return socket;
        }
        socket->deleteLater();
    }
    return nullptr;
}

void HttpClient::releaseConnection(StreamSocket* socket)
{
    if (m_idle.size() >= MaxIdleConnections || !socket->isConnected()) {
        socket->deleteLater();
        return;
    }
    socket->setParent(this);
    // An idle connection that closes, fails or talks out of turn is of no further use.
    connect(socket, &StreamSocket::disconnected, this, [this, socket] { dropIdle(socket); });
    connect(socket, &StreamSocket::errorOccurred, this, [this, socket] { dropIdle(socket); });
    connect(socket, &StreamSocket::readyRead, this, [this, socket] { dropIdle(socket); });
    m_idle.append(socket);
}

void HttpClient::dropIdle(StreamSocket* socket)
{
    if (m_idle.removeOne(socket)) {
        socket->disconnect(this);
        socket->close();
        socket->deleteLater();
    }
}

} // namespace Knot
