#include "core/engine/httpreply.h"

#include "core/engine/httpclient.h"
#include "core/engine/sshtunnel.h"
#include "core/engine/streamsocket.h"
#include "core/logging.h"

#include <QIODevice>

namespace Knot {

namespace {
constexpr qint64 BodyChunkSize = 64 * 1024;
// Keep at most this much of a streamed body queued in the socket.
constexpr qint64 MaxQueuedBody = 256 * 1024;
} // namespace

HttpReply::HttpReply(HttpClient* client, HttpRequest request, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
    , m_parser(m_request.method == "HEAD", m_request.upgrade)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpReply::onTimeout);
}

HttpReply::~HttpReply()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        delete m_socket;
    }
}

void HttpReply::start()
{
    if (m_finished) {
        return;
    }
    HttpClient* client = m_client; // a raw pointer: the QPointer is checked once, here
    if (!client) {
        finish(Error {Error::Kind::Internal, QStringLiteral("The engine connection is gone"), {}});
        return;
    }
    if (m_request.timeoutMs > 0 && !m_timer.isActive()) {
        m_timer.start(m_request.timeoutMs);
    }
    if (SshTunnel* tunnel = client->tunnel(); tunnel && !tunnel->isReady()) {
        waitForTunnel(tunnel);
        return;
    }
    // Streams and upgrades hold their connection for long, so they never borrow an idle one.
    StreamSocket* idle = m_request.streaming || m_request.upgrade ? nullptr : client->takeIdleConnection();
    if (idle) {
        startOn(idle, true);
    } else {
        startOn(client->newConnection(), false);
    }
}

void HttpReply::waitForTunnel(SshTunnel* tunnel)
{
    // Both outcomes end the wait; start() then connects through the tunnel or fails with ssh's words.
    const auto stopWaiting = [this] {
        disconnect(m_tunnelReady);
        disconnect(m_tunnelFailed);
    };
    m_tunnelReady = connect(tunnel, &SshTunnel::ready, this, [this, stopWaiting] {
        stopWaiting();
        start();
    });
    m_tunnelFailed = connect(tunnel, &SshTunnel::failed, this, [this, stopWaiting](const QString& message) {
        stopWaiting();
        finish(Error {Error::Kind::Unreachable, message, {}});
    });
    tunnel->start();
}

void HttpReply::startOn(StreamSocket* socket, bool reused)
{
    m_socket = socket;
    m_socket->setParent(this);
    m_reused = reused;
    connect(m_socket, &StreamSocket::readyRead, this, &HttpReply::onReadyRead);
    connect(m_socket, &StreamSocket::bytesWritten, this, &HttpReply::pumpBody);
    connect(m_socket, &StreamSocket::disconnected, this, &HttpReply::onClosed);
    connect(m_socket, &StreamSocket::errorOccurred, this, &HttpReply::onClosed);
    if (reused) {
        sendRequest();
    } else {
        connect(m_socket, &StreamSocket::connected, this, &HttpReply::sendRequest);
        m_socket->connectToEndpoint();
    }
}

void HttpReply::sendRequest()
{
    qCDebug(lcEngine) << "->" << m_request.method << m_request.target;
    m_socket->write(m_request.serializeHead());
    if (m_request.bodyDevice) {
        pumpBody();
    } else {
        if (!m_request.body.isEmpty()) {
            m_socket->write(m_request.body);
        }
        m_bodyDone = true;
    }
}

void HttpReply::pumpBody()
{
    if (m_bodyDone || m_finished || !m_socket) {
        return;
    }
    QIODevice* device = m_request.bodyDevice;
    if (!device) {
        finish(Error::io(QStringLiteral("The request body went away while it was being sent")));
        return;
    }
    const bool chunked = device->isSequential();
    while (m_socket->bytesToWrite() < MaxQueuedBody) {
        const QByteArray data = device->read(BodyChunkSize);
        if (data.isEmpty()) {
            if (!device->atEnd() && device->isOpen() && device->isSequential()) {
                // A pipe with nothing yet: wait for it.
                connect(device, &QIODevice::readyRead, this, &HttpReply::pumpBody, Qt::UniqueConnection);
                connect(device, &QIODevice::readChannelFinished, this, &HttpReply::pumpBody, Qt::UniqueConnection);
                return;
            }
            if (chunked) {
                m_socket->write("0\r\n\r\n");
            }
            m_bodyDone = true;
            return;
        }
        if (chunked) {
            m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
        } else {
            m_socket->write(data);
        }
    }
}

void HttpReply::onReadyRead()
{
    if (m_finished || !m_socket) {
        return;
    }
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty()) {
        return;
    }
    m_gotBytes = true;
    const qsizetype used = m_parser.feed(data);
    if (m_parser.headersComplete() && !m_headersSignalled) {
        m_headersSignalled = true;
        const QByteArray body = std::exchange(m_response.body, {});
        m_response = m_parser.response();
        m_response.body = body;
        if (m_request.streaming || m_request.upgrade) {
            m_timer.stop();
        }
        Q_EMIT headersReceived();
        if (m_finished) {
            return;
        }
    }
    if (!deliverBody()) {
        return;
    }
    if (m_parser.hasFailed()) {
        finish(Error::io(m_parser.errorString(), m_client ? m_client->endpoint().toString() : QString()));
        return;
    }
    if (!m_parser.isDone()) {
        return;
    }
    if (m_parser.isUpgrade()) {
        m_leftover = data.mid(used);
        m_socket->disconnect(this);
        Q_EMIT upgraded();
        finish({});
        return;
    }
    if (m_parser.keepAlive() && used == data.size() && m_bodyDone && m_client) {
        StreamSocket* socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        m_client->releaseConnection(socket);
    }
    finish({});
}

bool HttpReply::deliverBody()
{
    const QByteArray body = m_parser.takeBody();
    if (body.isEmpty()) {
        return true;
    }
    if (!m_request.streaming) {
        m_response.body += body;
        return true;
    }
    Q_EMIT dataReceived(body);
    return !m_finished; // a receiver may have aborted
}

void HttpReply::onClosed()
{
    if (m_finished || !m_socket) {
        return;
    }
    if (m_socket->failedToConnect()) {
        // The engine's address as the user gave it (not a tunnel's local end).
        const QString address = m_client ? m_client->endpoint().toString() : m_socket->endpoint().toString();
        finish(Error {Error::Kind::Unreachable,
                      QStringLiteral("Cannot reach the container engine at %1").arg(address),
                      m_socket->errorString()});
        return;
    }
    // A kept-alive connection the engine closed just before we reused it: try once on a new one.
    if (m_reused && !m_gotBytes && !m_retried && !m_request.bodyDevice && m_client) {
        m_retried = true;
        detachSocket();
        startOn(m_client->newConnection(), false);
        return;
    }
    if (HttpClient* client = m_client; client && client->tunnel() && !m_gotBytes) {
        // ssh accepts the local connection before it connects on the remote machine; closing it
        // without a byte means nothing answered there.
        finish(Error {Error::Kind::Unreachable,
                      QStringLiteral("Cannot reach the container engine at %1: ssh logged in, but nothing answers "
                                     "on %2 on that machine")
                          .arg(client->endpoint().toString(), client->endpoint().path),
                      {}});
        return;
    }
    onReadyRead(); // whatever is still buffered
    if (m_finished) {
        return;
    }
    m_parser.feedEof();
    if (!deliverBody()) {
        return;
    }
    if (m_parser.isDone()) {
        finish({});
    } else {
        finish(Error {Error::Kind::Unreachable, m_parser.errorString(), m_socket->endpoint().toString()});
    }
}

void HttpReply::onTimeout()
{
    if (m_finished) {
        return;
    }
    finish(
        Error {Error::Kind::Timeout,
               QStringLiteral("The container engine did not answer within %1 seconds").arg(m_request.timeoutMs / 1000),
               QString::fromLatin1(m_request.method + ' ' + m_request.target)});
}

void HttpReply::abort()
{
    if (!m_finished) {
        finish(Error::cancelled());
    }
}

StreamSocket* HttpReply::takeSocket(QObject* newParent)
{
    StreamSocket* socket = std::exchange(m_socket, nullptr);
    if (socket) {
        socket->disconnect(this);
        socket->setParent(newParent);
    }
    return socket;
}

void HttpReply::detachSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
}

void HttpReply::finish(VoidResult result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_timer.stop();
    m_result = std::move(result);
    if (!m_result.ok()) {
        qCDebug(lcEngine) << "<-" << m_request.target << m_result.error().toString();
    }
    detachSocket();
    Q_EMIT finished();
}

} // namespace Knot
