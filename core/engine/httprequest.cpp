#include "core/engine/httprequest.h"

#include <QIODevice>

namespace Knot {

void HttpRequest::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpRequest::serializeHead() const
{
    QByteArray head = method + ' ' + target + " HTTP/1.1\r\n";
    // The engines ignore Host on a local socket, but HTTP/1.1 requires one.
    head += "Host: docker\r\n";
    head += "User-Agent: knot-desktop\r\n";
    if (upgrade) {
        head += "Connection: Upgrade\r\nUpgrade: tcp\r\n";
    }
    if (bodyDevice) {
        if (bodyDevice->isSequential()) {
            head += "Transfer-Encoding: chunked\r\n";
        } else {
            head += "Content-Length: " + QByteArray::number(bodyDevice->size() - bodyDevice->pos()) + "\r\n";
        }
    } else if (!body.isEmpty() || method == "POST" || method == "PUT") {
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    for (const auto& header : headers) {
        head += header.first + ": " + header.second + "\r\n";
    }
    head += "\r\n";
    return head;
}

} // namespace Knot
