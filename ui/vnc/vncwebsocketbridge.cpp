#include "ui/vnc/vncwebsocketbridge.h"

#include <QSocketNotifier>
#include <QWebSocketHandshakeOptions>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Knot {

VncWebSocketBridge::VncWebSocketBridge(QObject* parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_opened = true;
        if (!m_toRemote.isEmpty())
            m_socket.sendBinaryMessage(std::exchange(m_toRemote, {}));
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray& message) {
        m_toLocal.append(message);
        writeLocal();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        if (!m_opened)
            Q_EMIT failed(tr("Cannot open the VNC WebSocket %1: %2")
                              .arg(m_socket.requestUrl().toDisplayString(), m_socket.errorString()));
        // Whatever was received is delivered before the reader sees end of file.
        if (m_toLocal.isEmpty())
            closeLocal();
    });
}

VncWebSocketBridge::~VncWebSocketBridge()
{
    m_socket.disconnect(this);
    m_socket.abort();
    closeLocal();
}

Result<int> VncWebSocketBridge::open(const QUrl& url)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0)
        return Error::io(tr("Cannot create a socket pair"), QString::fromLocal8Bit(std::strerror(errno)));
    m_fd = fds[0];
    // libvncclient's end blocks; the worker thread is built around that.
    ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) & ~O_NONBLOCK);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &VncWebSocketBridge::readLocal);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &VncWebSocketBridge::writeLocal);

    // websockify and noVNC-style servers expect the "binary" subprotocol.
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QStringLiteral("binary")});
    m_socket.open(QNetworkRequest(url), options);
    return fds[1];
}

void VncWebSocketBridge::readLocal()
{
    char buffer[65536];
    const ssize_t got = ::read(m_fd, buffer, sizeof buffer);
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (got <= 0) { // the client closed its end
        closeLocal();
        m_socket.close();
        return;
    }
    const QByteArray bytes(buffer, got);
    if (m_opened)
        m_socket.sendBinaryMessage(bytes);
    else
        m_toRemote.append(bytes);
}

void VncWebSocketBridge::writeLocal()
{
    while (m_fd >= 0 && !m_toLocal.isEmpty()) {
        // send(MSG_NOSIGNAL): the worker may have closed its end; that must not raise SIGPIPE.
        const ssize_t written = ::send(m_fd, m_toLocal.constData(), size_t(m_toLocal.size()), MSG_NOSIGNAL);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && errno == EAGAIN)
            break;
        if (written < 0) {
            closeLocal();
            m_socket.close();
            return;
        }
        m_toLocal.remove(0, written);
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_toLocal.isEmpty());
    if (m_toLocal.isEmpty() && m_socket.state() == QAbstractSocket::UnconnectedState && m_opened)
        closeLocal();
}

void VncWebSocketBridge::closeLocal()
{
    delete m_readNotifier;
    delete m_writeNotifier;
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

} // namespace Knot
