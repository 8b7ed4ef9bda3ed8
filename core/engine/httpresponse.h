#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Knot {

// Status, headers and (unless streamed) body of one HTTP reply.
struct HttpResponse
{
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The first header with this name (case-insensitive), or an empty array.
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                return h.second;
            }
        }
        return {};
    }
    bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace Knot
