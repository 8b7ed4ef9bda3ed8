#include "core/engine/streamsocket.h"

#include <QLocalSocket>
#include <QTcpSocket>

namespace Knot {

StreamSocket::StreamSocket(const EngineEndpoint& endpoint, QObject* parent) : QObject(parent), m_endpoint(endpoint)
{
    if (endpoint.transport == EngineEndpoint::Transport::Unix) {
        m_device = watch(new QLocalSocket(this), QLocalSocket::PeerClosedError);
    } else {
        m_device = watch(new QTcpSocket(this), QAbstractSocket::RemoteHostClosedError);
    }
    connect(m_device, &QIODevice::readyRead, this, &StreamSocket::readyRead);
    connect(m_device, &QIODevice::bytesWritten, this, &StreamSocket::bytesWritten);
}

template <typename Socket, typename SocketError>
Socket* StreamSocket::watch(Socket* socket, SocketError peerClosed)
{
    connect(socket, &Socket::connected, this, [this] {
        m_connected = true;
        Q_EMIT connected();
    });
    connect(socket, &Socket::disconnected, this, [this] {
        if (std::exchange(m_connected, false)) {
            Q_EMIT disconnected();
        }
    });
    connect(socket, &Socket::errorOccurred, this, [this, socket, peerClosed](SocketError error) {
        if (error != peerClosed) { // a peer that closes is reported through disconnected()
            onError(socket->errorString());
        }
    });
    return socket;
}

StreamSocket::~StreamSocket()
{
    // Deleting the device may emit disconnected(); nobody should hear it any more.
    m_device->disconnect(this);
}

void StreamSocket::connectToEndpoint()
{
    if (auto* local = qobject_cast<QLocalSocket*>(m_device)) {
        local->connectToServer(m_endpoint.path);
    } else if (auto* tcp = qobject_cast<QTcpSocket*>(m_device)) {
        tcp->connectToHost(m_endpoint.host, m_endpoint.port);
    }
}

bool StreamSocket::isConnected() const
{
    return m_connected;
}

void StreamSocket::close()
{
    m_closed = true;
    m_connected = false;
    m_device->disconnect(this);
    if (auto* local = qobject_cast<QLocalSocket*>(m_device)) {
        local->abort();
    } else if (auto* tcp = qobject_cast<QTcpSocket*>(m_device)) {
        tcp->abort();
    }
}

qint64 StreamSocket::write(const QByteArray& data)
{
    return m_device->write(data);
}

QByteArray StreamSocket::readAll()
{
    return m_device->readAll();
}

qint64 StreamSocket::bytesAvailable() const
{
    return m_device->bytesAvailable();
}

qint64 StreamSocket::bytesToWrite() const
{
    return m_device->bytesToWrite();
}

void StreamSocket::setReadBufferSize(qint64 size)
{
    if (auto* local = qobject_cast<QLocalSocket*>(m_device)) {
        local->setReadBufferSize(size);
    } else if (auto* tcp = qobject_cast<QTcpSocket*>(m_device)) {
        tcp->setReadBufferSize(size);
    }
}

void StreamSocket::onError(const QString& text)
{
    if (m_closed) {
        return;
    }
    m_failedToConnect = !m_connected;
    m_errorString = QStringLiteral("%1: %2").arg(m_endpoint.toString(), text);
    const bool wasConnected = m_connected;
    m_connected = false;
    Q_EMIT errorOccurred();
    if (wasConnected) {
        Q_EMIT disconnected();
    }
}

} // namespace Knot
