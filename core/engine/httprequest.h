#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>

#include <QIODevice>

namespace Knot {

// One HTTP/1.1 request to an engine. The body is either in memory or streamed from a device
// (sent with chunked transfer encoding when the device cannot tell its size).
struct HttpRequest
{
    QByteArray method = "GET";
    QByteArray target; // path and query, already versioned and percent-encoded
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QPointer<QIODevice> bodyDevice;

    // Deliver the body through HttpReply::dataReceived() instead of collecting it.
    bool streaming = false;
    // Ask for `Connection: Upgrade` / `Upgrade: tcp`: a 101 (or 2xx) reply hands the raw socket over.
    bool upgrade = false;
    // Milliseconds until the whole reply is in (streaming and upgrade: until the headers are in).
    // 0 = no limit.
    int timeoutMs = 60000;

    void setHeader(const QByteArray& name, const QByteArray& value);
    bool hasBody() const { return !body.isEmpty() || bodyDevice; }
    // Request line and headers, including Host, Content-Length or Transfer-Encoding.
    QByteArray serializeHead() const;
};

} // namespace Knot
