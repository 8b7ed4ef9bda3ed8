#pragma once

#include "core/engine/httprequest.h"
#include "core/engine/httpresponse.h"
#include "core/engine/httpresponseparser.h"
#include "core/result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace Knot {

class HttpClient;
class SshTunnel;
class StreamSocket;

// One request in flight. Transport problems (unreachable, timeout, cancelled, connection lost)
// end it with an error result; any HTTP status, including 4xx and 5xx, is a successful exchange.
class HttpReply : public QObject
{
    Q_OBJECT

public:
    ~HttpReply() override;

    // Status and headers once headersReceived(); the body too when not streaming, once finished().
    const HttpResponse& response() const { return m_response; }
    bool isFinished() const { return m_finished; }
    const VoidResult& result() const { return m_result; }

    // Stops the request; finished() follows at once with a Cancelled error unless already finished.
    void abort();

    // After upgraded(): the raw connection (now owned by `newParent`) and the bytes that arrived
    // right behind the headers. The reply closes the socket if nobody takes it.
    StreamSocket* takeSocket(QObject* newParent);
    QByteArray takeLeftover() { return std::exchange(m_leftover, {}); }

Q_SIGNALS:
    void headersReceived();
    // Body bytes of a streaming request, as they arrive.
    void dataReceived(const QByteArray& data);
    void upgraded();
    void finished();

private:
    friend class HttpClient;
    HttpReply(HttpClient* client, HttpRequest request, QObject* parent);

    void start();
    void startOn(StreamSocket* socket, bool reused);
    // ssh:// engines: start() again once the tunnel is up (or fail with its message).
    void waitForTunnel(SshTunnel* tunnel);
    void sendRequest();
    void pumpBody();
    void onReadyRead();
    // Hands decoded body bytes on; false when a receiver finished the reply meanwhile.
    bool deliverBody();
    void onClosed();
    void onTimeout();
    void finish(VoidResult result);
    void detachSocket();

    QPointer<HttpClient> m_client;
    QMetaObject::Connection m_tunnelReady;
    QMetaObject::Connection m_tunnelFailed;
    HttpRequest m_request;
    StreamSocket* m_socket = nullptr;
    HttpResponseParser m_parser;
    HttpResponse m_response;
    QByteArray m_leftover;
    QTimer m_timer;
    VoidResult m_result;
    bool m_reused = false;
    bool m_retried = false;
    bool m_gotBytes = false;
    bool m_bodyDone = false;
    bool m_headersSignalled = false;
    bool m_finished = false;
};

} // namespace Knot
