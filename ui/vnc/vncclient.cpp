#include "ui/vnc/vncclient.h"

#include "core/result.h"
#include "ui/vnc/vncwebsocketbridge.h"

#include <QMutexLocker>
#include <QThread>

#include <rfb/rfbclient.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcVnc, "knot.vnc", QtWarningMsg)

namespace Knot {

namespace {

constexpr int ConnectTimeoutMs = 10'000;
// A server that stalls in the middle of a message; shutdown() still ends a read at once.
constexpr unsigned ReadTimeoutSeconds = 30;

// libvncclient reports failures only as log lines through two process-wide function pointers.
// Each worker collects what its own thread logged, so the text can be classified per session.
thread_local QByteArray t_log;

void collectLog(const char* format, ...)
{
    char line[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(line, sizeof line, format, args);
    va_end(args);
    t_log.append(line);
    qCDebug(lcVnc).noquote() << QString::fromLocal8Bit(line).trimmed();
}

void installLogHandler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        rfbClientLog = collectLog;
        rfbClientErr = collectLog;
    });
}

struct InputEvent
{
    enum class Type
    {
        Key,
        Pointer,
        Clipboard,
    };
    Type type = Type::Key;
    quint32 keysym = 0;
    bool down = false;
    int x = 0;
    int y = 0;
    int buttons = 0;
    QByteArray text {};
};

int s_clientTag; // its address tags our data on the rfbClient

} // namespace

struct VncClient::Session
{
    VncClient* owner = nullptr;
    quint64 generation = 0;
    QString host;
    int port = 0;
    QByteArray password;
    int presetFd = -1; // already connected (WebSocket bridge); else connect over TCP

    int wakeFd = -1;
    std::atomic_bool stop = false;

    QMutex mutex;
    std::deque<InputEvent> events; // guarded by mutex
    int socketFd = -1;             // guarded by mutex; our own descriptor, so shutdown() is safe

    // Worker-only state.
    uint8_t* frameBuffer = nullptr; // malloc'd; rfbClientCleanup() never frees it
    QRect dirty;

    Session() { wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }
    ~Session()
    {
        if (wakeFd >= 0)
            ::close(wakeFd);
        std::free(frameBuffer);
    }

    void wake() const
    {
        const uint64_t one = 1;
        [[maybe_unused]] auto written = ::write(wakeFd, &one, sizeof one);
    }

    void requestStop()
    {
        stop = true;
        {
            QMutexLocker lock(&mutex);
            if (socketFd >= 0)
                ::shutdown(socketFd, SHUT_RDWR);
        }
        wake();
    }

    void post(InputEvent event)
    {
        {
            QMutexLocker lock(&mutex);
            events.push_back(std::move(event));
        }
        wake();
    }

    // Runs `function` on the owner in the GUI thread unless a newer session replaced this one.
    template <typename Function>
    void toGui(Function function)
    {
        VncClient* target = owner;
        const quint64 gen = generation;
        QMetaObject::invokeMethod(
            owner,
            [target, gen, function] {
                if (target->m_generation == gen)
                    function(target);
            },
            Qt::QueuedConnection);
    }

    static Session* of(rfbClient* client)
    {
        return static_cast<Session*>(rfbClientGetClientData(client, &s_clientTag));
    }

    Result<int> connectSocket();
    void run();
    bool sendQueuedInput(rfbClient* client);
    void closeSocket();

    static char* getPassword(rfbClient* client);
    static rfbBool mallocFrameBuffer(rfbClient* client);
    static void gotFrameBufferUpdate(rfbClient* client, int x, int y, int w, int h);
    static void finishedFrameBufferUpdate(rfbClient* client);
    static void gotCutText(rfbClient* client, const char* text, int length);
};

// A TCP connection that disconnectFromHost() can interrupt: non-blocking connect, then poll on the
// socket and the wake descriptor. Returns a blocking socket.
Result<int> VncClient::Session::connectSocket()
{
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* addresses = nullptr;
    const QByteArray service = QByteArray::number(port);
    const int resolved = getaddrinfo(host.toUtf8().constData(), service.constData(), &hints, &addresses);
    if (resolved != 0) {
        return Error {Error::Kind::Unreachable,
                      QStringLiteral("Cannot resolve %1: %2").arg(host, QString::fromLocal8Bit(gai_strerror(resolved))),
                      {}};
    }
    int lastErrno = ECONNREFUSED;
    int fd = -1;
    for (addrinfo* address = addresses; address && fd < 0 && !stop; address = address->ai_next) {
        fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, address->ai_protocol);
        if (fd < 0) {
            lastErrno = errno;
            continue;
        }
        if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0 && errno != EINPROGRESS) {
            lastErrno = errno;
            ::close(fd);
            fd = -1;
            continue;
        }
        pollfd fds[2] = {{fd, POLLOUT, 0}, {wakeFd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, ConnectTimeoutMs);
        int socketError = ready == 0 ? ETIMEDOUT : 0;
        socklen_t length = sizeof socketError;
        if (ready > 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP)))
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length);
        else if (ready > 0)
            socketError = ECANCELED;
        if (socketError != 0) {
            lastErrno = socketError;
            ::close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(addresses);
    if (fd < 0) {
        return Error {Error::Kind::Unreachable,
                      QStringLiteral("Cannot connect to %1:%2: %3")
                          .arg(host)
                          .arg(port)
                          .arg(QString::fromLocal8Bit(std::strerror(lastErrno))),
                      {}};
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

void VncClient::Session::closeSocket()
{
    QMutexLocker lock(&mutex);
    if (socketFd >= 0)
        ::close(socketFd);
    socketFd = -1;
}

char* VncClient::Session::getPassword(rfbClient* client)
{
    // libvncclient frees the returned string.
    return strdup(of(client)->password.constData());
}

rfbBool VncClient::Session::mallocFrameBuffer(rfbClient* client)
{
    Session* session = of(client);
    const QSize size(client->width, client->height);
    std::free(session->frameBuffer);
    session->frameBuffer = static_cast<uint8_t*>(std::calloc(size_t(size.width()) * size.height(), 4));
    client->frameBuffer = session->frameBuffer;
    if (!session->frameBuffer)
        return FALSE;
    {
        QMutexLocker lock(&session->owner->m_frameMutex);
        session->owner->m_frame = QImage(size, QImage::Format_RGB32);
        session->owner->m_frame.fill(Qt::black);
    }
    session->dirty = {};
    session->toGui([size](VncClient* self) { Q_EMIT self->frameResized(size); });
    return TRUE;
}

void VncClient::Session::gotFrameBufferUpdate(rfbClient* client, int x, int y, int w, int h)
{
    Session* session = of(client);
    session->dirty |= QRect(x, y, w, h) & QRect(0, 0, client->width, client->height);
}

// The server's update is complete: copy the merged damage into the shared image in one go.
void VncClient::Session::finishedFrameBufferUpdate(rfbClient* client)
{
    Session* session = of(client);
    const QRect rect = session->dirty;
    session->dirty = {};
    if (rect.isEmpty() || !session->frameBuffer)
        return;
    const qsizetype stride = qsizetype(client->width) * 4;
    {
        QMutexLocker lock(&session->owner->m_frameMutex);
        QImage& image = session->owner->m_frame;
        for (int row = rect.top(); row <= rect.bottom(); ++row) {
            const uint8_t* source = session->frameBuffer + row * stride + qsizetype(rect.left()) * 4;
            std::memcpy(image.scanLine(row) + qsizetype(rect.left()) * 4, source, size_t(rect.width()) * 4);
        }
    }
    session->toGui([rect](VncClient* self) { Q_EMIT self->frameUpdated(rect); });
}

void VncClient::Session::gotCutText(rfbClient* client, const char* text, int length)
{
    // Plain RFB cut text is Latin-1.
    const QString clipboard = QString::fromLatin1(text, length);
    of(client)->toGui([clipboard](VncClient* self) { Q_EMIT self->clipboardReceived(clipboard); });
}

bool VncClient::Session::sendQueuedInput(rfbClient* client)
{
    std::deque<InputEvent> pending;
    {
        QMutexLocker lock(&mutex);
        pending.swap(events);
    }
    for (InputEvent& event : pending) {
        bool sent = true;
        switch (event.type) {
        case InputEvent::Type::Key:
            sent = SendKeyEvent(client, event.keysym, event.down ? TRUE : FALSE);
            break;
        case InputEvent::Type::Pointer:
            sent = SendPointerEvent(client, event.x, event.y, event.buttons);
            break;
        case InputEvent::Type::Clipboard:
            sent = SendClientCutText(client, event.text.data(), int(event.text.size()));
            break;
        }
        if (!sent)
            return false;
    }
    return true;
}

void VncClient::Session::run()
{
    // libvncclient writes with write(): a server gone (or our shutdown()) must give EPIPE here,
    // not a SIGPIPE that ends the whole application.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    t_log.clear();
    const Result<int> connected = presetFd >= 0 ? Result<int>(presetFd) : connectSocket();
    if (!connected) {
        const QString message = connected.error().message;
        if (!stop)
            toGui([message](VncClient* self) { self->setState(State::Failed, ErrorKind::Refused, message); });
        return;
    }
    const int fd = *connected;
    {
        QMutexLocker lock(&mutex);
        socketFd = fd;
    }
    // requestStop() either saw the descriptor (and shut it down) or set `stop` before we look here.
    if (stop) {
        closeSocket();
        return;
    }
    const QString where = host + u':' + QString::number(port);

    // libvncclient gets its own descriptor for the same socket: it closes it whenever it likes,
    // while ours stays valid for shutdown() from the GUI thread until closeSocket().
    rfbClient* client = rfbGetClient(8, 3, 4);
    client->format.redShift = 16; // 0x00RRGGBB, i.e. QImage::Format_RGB32
    client->format.greenShift = 8;
    client->format.blueShift = 0;
    client->appData.enableJPEG = FALSE; // loopback or a local forward: keep pixels exact
    client->canHandleNewFBSize = TRUE;
    client->readTimeout = ReadTimeoutSeconds;
    client->sock = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    client->listenSpecified = TRUE; // connected already: rfbInitClient only does the handshake
    client->GetPassword = getPassword;
    client->MallocFrameBuffer = mallocFrameBuffer;
    client->GotFrameBufferUpdate = gotFrameBufferUpdate;
    client->FinishedFrameBufferUpdate = finishedFrameBufferUpdate;
    client->GotXCutText = gotCutText;
    rfbClientSetClientData(client, &s_clientTag, this);

    if (!rfbInitClient(client, nullptr, nullptr)) { // frees the client on failure
        closeSocket();
        if (stop)
            return;
        const QString log = QString::fromLocal8Bit(t_log);
        const ErrorKind kind = classifyFailure(log);
        QString message;
        switch (kind) {
        case ErrorKind::AuthFailed:
            message = QStringLiteral("VNC authentication failed: the server at %1 rejected the password").arg(where);
            break;
        case ErrorKind::Closed:
            message = QStringLiteral("The VNC server at %1 closed the connection during the handshake").arg(where);
            break;
        default:
            message = QStringLiteral("%1 is not a VNC server or sent invalid data (protocol error)").arg(where);
            break;
        }
        qCWarning(lcVnc).noquote() << message << u'(' + log.trimmed().section(u'\n', -1) + u')';
        toGui([kind, message](VncClient* self) { self->setState(State::Failed, kind, message); });
        return;
    }

    const QString name = QString::fromUtf8(client->desktopName ? client->desktopName : "");
    toGui([name](VncClient* self) {
        self->m_serverName = name;
        self->setState(State::Connected);
    });

    bool serverEnded = false;
    while (!stop) {
        if (!sendQueuedInput(client)) {
            serverEnded = true;
            break;
        }
        // Data libvncclient already read ahead is handled without waiting on the socket.
        if (client->buffered == 0) {
            pollfd fds[2] = {{client->sock, POLLIN, 0}, {wakeFd, POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR)
                    continue;
                serverEnded = true;
                break;
            }
            if (fds[1].revents & POLLIN) {
                uint64_t count = 0;
                [[maybe_unused]] auto got = ::read(wakeFd, &count, sizeof count);
            }
            if (stop)
                break;
            if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
        }
        t_log.clear();
        if (!HandleRFBServerMessage(client)) {
            serverEnded = true;
            break;
        }
    }

    closeSocket();
    rfbClientCleanup(client);
    if (stop || !serverEnded)
        return;
    const ErrorKind kind =
        classifyFailure(QString::fromLocal8Bit(t_log)) == ErrorKind::Protocol ? ErrorKind::Protocol : ErrorKind::Closed;
    const QString message = kind == ErrorKind::Closed
                                ? QStringLiteral("The VNC server at %1 closed the connection").arg(where)
                                : QStringLiteral("The VNC server at %1 sent invalid data (protocol error)").arg(where);
    toGui([kind, message](VncClient* self) { self->setState(State::Disconnected, kind, message); });
}

VncClient::VncClient(QObject* parent) : QObject(parent)
{
    installLogHandler();
}

VncClient::~VncClient()
{
    stopWorker();
}

void VncClient::connectToHost(const QString& host, int port, const QString& password, VncTransport transport)
{
    stopWorker();
    m_serverName.clear();
    m_session = std::make_unique<Session>();
    m_session->owner = this;
    m_session->generation = m_generation;
    m_session->host = host;
    m_session->port = port;
    m_session->password = password.toUtf8();
    if (transport == VncTransport::WebSocket) {
        m_bridge = new VncWebSocketBridge(this);
        connect(m_bridge, &VncWebSocketBridge::failed, this, [this](const QString& message) {
            stopWorker();
            setState(State::Failed, ErrorKind::Refused, message);
        });
        QUrl url;
        url.setScheme(QStringLiteral("ws"));
        url.setHost(host);
        url.setPort(port);
        url.setPath(QStringLiteral("/"));
        const Result<int> fd = m_bridge->open(url);
        if (!fd) {
            stopWorker();
            setState(State::Failed, ErrorKind::Refused, fd.error().toString());
            return;
        }
        m_session->presetFd = *fd;
    }
    Session* session = m_session.get();
    m_thread = QThread::create([session] { session->run(); });
    m_thread->setObjectName(QStringLiteral("vnc ") + host + u':' + QString::number(port));
    setState(State::Connecting);
    m_thread->start();
}

void VncClient::disconnectFromHost()
{
    stopWorker();
    if (m_state != State::Disconnected)
        setState(State::Disconnected);
}

void VncClient::stopWorker()
{
    if (m_bridge) {
        // It may be the sender of the signal that brought us here.
        m_bridge->disconnect(this);
        m_bridge->deleteLater();
        m_bridge = nullptr;
    }
    if (!m_thread) {
        m_session.reset();
        return;
    }
    // Shutting the socket down ends any blocking read; the eventfd ends the poll.
    m_session->requestStop();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_session.reset();
    ++m_generation; // drop whatever the old worker still has queued for us
}

void VncClient::setState(State state, ErrorKind kind, const QString& message)
{
    m_errorKind = kind;
    m_errorString = message;
    if (m_state == state && state != State::Failed)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QSize VncClient::frameSize() const
{
    QMutexLocker lock(&m_frameMutex);
    return m_frame.size();
}

QImage VncClient::frame() const
{
    QMutexLocker lock(&m_frameMutex);
    return m_frame.copy();
}

QImage VncClient::frame(const QRect& rect) const
{
    QMutexLocker lock(&m_frameMutex);
    return m_frame.copy(rect);
}

void VncClient::sendKey(quint32 keysym, bool down)
{
    if (m_state == State::Connected)
        m_session->post({.type = InputEvent::Type::Key, .keysym = keysym, .down = down});
}

void VncClient::sendPointer(int x, int y, int buttons)
{
    if (m_state == State::Connected)
        m_session->post({.type = InputEvent::Type::Pointer, .x = x, .y = y, .buttons = buttons});
}

void VncClient::sendClipboard(const QString& text)
{
    if (m_state == State::Connected)
        m_session->post({.type = InputEvent::Type::Clipboard, .text = text.toLatin1()});
}

VncClient::ErrorKind VncClient::classifyFailure(const QString& log)
{
    if (log.contains(QLatin1String("authentication fail"), Qt::CaseInsensitive)
        || log.contains(QLatin1String("too many"), Qt::CaseInsensitive))
        return ErrorKind::AuthFailed;
    if (log.contains(QLatin1String("closed connection"), Qt::CaseInsensitive)
        || log.contains(QLatin1String("connection reset"), Qt::CaseInsensitive)
        || log.contains(QLatin1String("broken pipe"), Qt::CaseInsensitive))
        return ErrorKind::Closed;
    return ErrorKind::Protocol;
}

} // namespace Knot
