#pragma once

#include "core/engine/httpresponse.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Knot {

// Incremental HTTP/1.1 reply parser: feed it bytes as they arrive, in pieces of any size.
// Handles Content-Length, chunked and close-delimited bodies, skips 1xx interim replies and
// stops right after the headers of an upgrade (101, or 2xx when an upgrade was asked for), so
// the bytes after them can go to whoever takes over the raw stream.
class HttpResponseParser
{
public:
    explicit HttpResponseParser(bool headRequest = false, bool expectUpgrade = false);

    // Consumes bytes up to the end of this reply and returns how many it used; what is left
    // belongs to the next reply (keep-alive) or to the hijacked stream.
    qsizetype feed(QByteArrayView data);
    // The peer closed the connection: ends a close-delimited body, fails anything unfinished.
    void feedEof();

    bool headersComplete() const { return m_headersComplete; }
    bool isDone() const { return m_state == State::Done; }
    bool hasFailed() const { return m_state == State::Failed; }
    QString errorString() const { return m_error; }
    bool isUpgrade() const { return m_upgrade; }
    // The connection can carry another request after this reply.
    bool keepAlive() const { return m_keepAlive; }

    // Status and headers; the body is handed out by takeBody().
    const HttpResponse& response() const { return m_response; }
    // Body bytes decoded since the last call.
    QByteArray takeBody();

private:
    enum class State
    {
        StatusLine,
        Headers,
        LengthBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        CloseBody,
        Done,
        Failed,
    };

    bool handleLine(const QByteArray& line);
    bool handleStatusLine(const QByteArray& line);
    void finishHeaders();
    void fail(const QString& message);

    State m_state = State::StatusLine;
    bool m_headRequest = false;
    bool m_expectUpgrade = false;
    bool m_headersComplete = false;
    bool m_upgrade = false;
    bool m_keepAlive = true;
    bool m_http10 = false;
    QByteArray m_line;
    qsizetype m_headerBytes = 0;
    qint64 m_remaining = 0;
    HttpResponse m_response;
    QByteArray m_body;
    QString m_error;
};

} // namespace Knot
