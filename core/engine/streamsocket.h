#pragma once

#include "core/engine/engineendpoint.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QIODevice;

namespace Knot {

// One byte stream to an engine, over a Unix socket (QLocalSocket) or TCP (QTcpSocket), with the
// same signals for both so the HTTP code and hijacked exec streams need not care which it is.
class StreamSocket : public QObject
{
    Q_OBJECT

public:
    explicit StreamSocket(const EngineEndpoint& endpoint, QObject* parent = nullptr);
    ~StreamSocket() override;

    const EngineEndpoint& endpoint() const { return m_endpoint; }

    // Starts connecting; connected() or errorOccurred() follows from the event loop.
    void connectToEndpoint();
    bool isConnected() const;
    void close();

    qint64 write(const QByteArray& data);
    QByteArray readAll();
    qint64 bytesAvailable() const;
    qint64 bytesToWrite() const;
    // Limits what is read ahead from the kernel (0 = no limit), for flow control.
    void setReadBufferSize(qint64 size);

    // The last error as a sentence naming the endpoint.
    QString errorString() const { return m_errorString; }
    // True when the connection attempt itself failed (no socket, refused, unknown host).
    bool failedToConnect() const { return m_failedToConnect; }

Q_SIGNALS:
    void connected();
    void readyRead();
    void bytesWritten(qint64 bytes);
    void disconnected();
    void errorOccurred();

private:
    // Maps a QLocalSocket's or QTcpSocket's signals onto ours.
    template <typename Socket, typename SocketError>
    Socket* watch(Socket* socket, SocketError peerClosed);
    void onError(const QString& text);

    EngineEndpoint m_endpoint;
    QIODevice* m_device = nullptr;
    QString m_errorString;
    bool m_connected = false;
    bool m_failedToConnect = false;
    bool m_closed = false;
};

} // namespace Knot
