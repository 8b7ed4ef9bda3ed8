#include "core/engine/httpresponseparser.h"

#include <utility>

namespace Knot {

namespace {
// Engines send a few hundred bytes of headers; anything this large is not an engine.
constexpr qsizetype MaxHeaderBytes = 256 * 1024;
} // namespace

HttpResponseParser::HttpResponseParser(bool headRequest, bool expectUpgrade)
    : m_headRequest(headRequest), m_expectUpgrade(expectUpgrade)
{ }

QByteArray HttpResponseParser::takeBody()
{
    return std::exchange(m_body, {});
}

void HttpResponseParser::fail(const QString& message)
{
    m_state = State::Failed;
    m_error = message;
    m_keepAlive = false;
}

qsizetype HttpResponseParser::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size() && m_state != State::Done && m_state != State::Failed) {
        switch (m_state) {
        case State::StatusLine:
        case State::Headers:
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailers: {
            const qsizetype newline = data.indexOf('\n', pos);
            const qsizetype end = newline < 0 ? data.size() : newline + 1;
            m_line += data.sliced(pos, end - pos);
            m_headerBytes += end - pos;
            pos = end;
            const bool inHead = m_state == State::StatusLine || m_state == State::Headers;
            if ((inHead ? m_headerBytes : m_line.size()) > MaxHeaderBytes) {
                fail(QStringLiteral("The engine sent an oversized HTTP header"));
                break;
            }
            if (newline < 0) {
                break;
            }
            QByteArray line = std::exchange(m_line, {});
            line.chop(line.endsWith("\r\n") ? 2 : 1);
            handleLine(line);
            break;
        }
        case State::LengthBody:
        case State::ChunkData: {
            const qsizetype take = std::min<qint64>(m_remaining, data.size() - pos);
            m_body += data.sliced(pos, take);
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                m_state = m_state == State::LengthBody ? State::Done : State::ChunkDataEnd;
            }
            break;
        }
        case State::CloseBody:
            m_body += data.sliced(pos);
            pos = data.size();
            break;
        case State::Done:
        case State::Failed:
            break;
        }
    }
    return pos;
}

void HttpResponseParser::feedEof()
{
    if (m_state == State::CloseBody) {
        m_state = State::Done;
    } else if (m_state != State::Done && m_state != State::Failed) {
        fail(m_headersComplete || m_headerBytes > 0
                 ? QStringLiteral("The engine closed the connection in the middle of a reply")
                 : QStringLiteral("The engine closed the connection without replying"));
    }
}

bool HttpResponseParser::handleLine(const QByteArray& line)
{
    switch (m_state) {
    case State::StatusLine:
        if (line.isEmpty()) {
            return true; // tolerate stray blank lines before a reply
        }
        return handleStatusLine(line);
    case State::Headers: {
        if (line.isEmpty()) {
            finishHeaders();
            return true;
        }
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (m_response.headers.isEmpty()) {
                fail(QStringLiteral("The engine sent a malformed HTTP header"));
                return false;
            }
            m_response.headers.last().second += ' ' + line.trimmed(); // obsolete line folding
            return true;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(QStringLiteral("The engine sent a malformed HTTP header"));
            return false;
        }
        m_response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        return true;
    }
    case State::ChunkSize: {
        QByteArray size = line;
        const qsizetype semicolon = size.indexOf(';');
        if (semicolon >= 0) {
            size.truncate(semicolon); // chunk extensions carry nothing we use
        }
        bool ok = false;
        const qint64 length = size.trimmed().toLongLong(&ok, 16);
        if (!ok || length < 0) {
            fail(QStringLiteral("The engine sent a malformed chunk size"));
            return false;
        }
        m_remaining = length;
        m_state = length == 0 ? State::Trailers : State::ChunkData;
        return true;
    }
    case State::ChunkDataEnd:
        if (!line.isEmpty()) {
            fail(QStringLiteral("The engine sent a malformed chunk"));
            return false;
        }
        m_state = State::ChunkSize;
        return true;
    case State::Trailers:
        if (line.isEmpty()) {
            m_state = State::Done;
        }
        return true;
    default:
        return true;
    }
}

bool HttpResponseParser::handleStatusLine(const QByteArray& line)
{
    // "HTTP/1.1 200 OK"
    const QList<QByteArray> parts = line.split(' ');
    bool ok = false;
    const int status = parts.size() >= 2 ? parts.at(1).toInt(&ok) : 0;
    if (!line.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
        fail(QStringLiteral("The engine did not answer with HTTP (\"%1\")")
                 .arg(QString::fromLatin1(line.left(80).toPercentEncoding(" /.:"))));
        return false;
    }
    m_http10 = line.startsWith("HTTP/1.0");
    m_response = HttpResponse();
    m_response.status = status;
    const qsizetype reasonStart = line.indexOf(' ', line.indexOf(' ') + 1);
    m_response.reason = reasonStart < 0 ? QByteArray() : line.mid(reasonStart + 1);
    m_state = State::Headers;
    return true;
}

void HttpResponseParser::finishHeaders()
{
    const int status = m_response.status;
    if (status >= 100 && status < 200 && status != 101) {
        // Interim reply (100 Continue): the real one follows.
        m_state = State::StatusLine;
        return;
    }
    m_headersComplete = true;
    const QByteArray connection = m_response.header("Connection").toLower();
    m_keepAlive = m_http10 ? connection.contains("keep-alive") : !connection.contains("close");

    if (status == 101 || (m_expectUpgrade && status >= 200 && status < 300)) {
        m_upgrade = true;
        m_keepAlive = false;
        m_state = State::Done;
        return;
    }
    if (m_headRequest || status == 204 || status == 304) {
        m_state = State::Done;
        return;
    }
    if (m_response.header("Transfer-Encoding").toLower().contains("chunked")) {
        m_state = State::ChunkSize;
        return;
    }
    const QByteArray length = m_response.header("Content-Length");
    if (!length.isEmpty()) {
        bool ok = false;
        m_remaining = length.toLongLong(&ok);
        if (!ok || m_remaining < 0) {
            fail(QStringLiteral("The engine sent an invalid Content-Length"));
            return;
        }
        m_state = m_remaining == 0 ? State::Done : State::LengthBody;
        return;
    }
    m_keepAlive = false;
    m_state = State::CloseBody;
}

} // namespace Knot
