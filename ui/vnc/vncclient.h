#pragma once

#include "core/model/template.h"

#include <QImage>
#include <QLoggingCategory>
#include <QMutex>
#include <QObject>
#include <QRect>
#include <QString>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcVnc)

class QThread;

namespace Knot {

class VncWebSocketBridge;

// One RFB session. The libvncclient `rfbClient` lives only in a worker thread that this object
// starts; every public method is called from the GUI thread and returns at once (input is queued
// to the worker, which is woken through an eventfd). Signals are delivered in the GUI thread.
//
// States: Disconnected -> Connecting -> Connected -> Disconnected (server went away or
// disconnectFromHost()), or Connecting -> Failed (refused, authentication failed, not a VNC server).
// connectToHost() is legal from any state and starts a fresh session.
class VncClient : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Disconnected,
        Connecting,
        Connected,
        Failed,
    };
    Q_ENUM(State)

    enum class ErrorKind
    {
        None,
        Refused,    // nothing listens there, or the host cannot be resolved
        AuthFailed, // the server rejected the password
        Protocol,   // the peer is not a VNC server or sent data we cannot parse
        Closed,     // the server closed the connection
    };
    Q_ENUM(ErrorKind)

    // RFB pointer button mask bits.
    enum Button
    {
        LeftButton = 1,
        MiddleButton = 2,
        RightButton = 4,
        WheelUp = 8,
        WheelDown = 16,
        WheelLeft = 32,
        WheelRight = 64,
    };

    explicit VncClient(QObject* parent = nullptr);
    ~VncClient() override;

    // WebSocket: RFB in binary messages to ws://host:port/ (websockify-style servers).
    void
    connectToHost(const QString& host, int port, const QString& password, VncTransport transport = VncTransport::Rfb);
    // Stops the worker promptly (its socket is shut down, the thread joined) and enters Disconnected.
    void disconnectFromHost();

    State state() const { return m_state; }
    ErrorKind errorKind() const { return m_errorKind; }
    // Readable reason for Failed, or why a Connected session ended.
    QString errorString() const { return m_errorString; }
    QString serverName() const { return m_serverName; }
    QSize frameSize() const;

    // A deep copy of the whole framebuffer or of one rectangle of it (screenshots, painting).
    QImage frame() const;
    QImage frame(const QRect& rect) const;

    // Input is dropped unless Connected.
    void sendKey(quint32 keysym, bool down);
    void sendPointer(int x, int y, int buttons);
    void sendClipboard(const QString& text);

    // Maps what libvncclient logged during a failed handshake to an error kind (tested on its own).
    static ErrorKind classifyFailure(const QString& log);

Q_SIGNALS:
    void stateChanged(Knot::VncClient::State state);
    void frameResized(const QSize& size);
    // A region of the framebuffer changed; frame(rect) returns the new pixels.
    void frameUpdated(const QRect& rect);
    void clipboardReceived(const QString& text);

private:
    struct Session;
    friend struct Session;

    void stopWorker();
    void setState(State state, ErrorKind kind = ErrorKind::None, const QString& message = {});

    // Owned by the worker while it runs; the GUI thread only reaches it through thread-safe members.
    std::unique_ptr<Session> m_session;
    VncWebSocketBridge* m_bridge = nullptr; // only for the WebSocket transport
    QThread* m_thread = nullptr;
    quint64 m_generation = 0;

    mutable QMutex m_frameMutex;
    QImage m_frame; // guarded by m_frameMutex; written by the worker, read by the GUI

    State m_state = State::Disconnected;
    ErrorKind m_errorKind = ErrorKind::None;
    QString m_errorString;
    QString m_serverName;
};

} // namespace Knot
