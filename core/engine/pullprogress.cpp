#include "core/engine/pullprogress.h"

namespace Knot {

void PullProgress::consume(const QJsonObject& message)
{
    if (message.contains(QStringLiteral("error")) || message.contains(QStringLiteral("errorDetail"))) {
        QString text =
            message.value(QStringLiteral("errorDetail")).toObject().value(QStringLiteral("message")).toString();
        if (text.isEmpty()) {
            text = message.value(QStringLiteral("error")).toString();
        }
        m_error = text.isEmpty() ? QStringLiteral("The engine reported an unspecified error") : text.trimmed();
        return;
    }
    const QString status = message.value(QStringLiteral("status")).toString();
    const QString id = message.value(QStringLiteral("id")).toString();
    if (status.startsWith(QStringLiteral("sha256:"))) {
        m_imageId = status;
    }
    if (!status.isEmpty()) {
        m_status = id.isEmpty() ? status : id + QStringLiteral(": ") + status;
    } else if (const QString stream = message.value(QStringLiteral("stream")).toString().trimmed(); !stream.isEmpty()) {
        m_status = stream; // Podman's compat pull reports plain text lines
    }
    if (id.isEmpty()) {
        return;
    }
    Layer& layer = m_layers[id];
    const QJsonObject detail = message.value(QStringLiteral("progressDetail")).toObject();
    const qint64 total = detail.value(QStringLiteral("total")).toInteger();
    const qint64 current = detail.value(QStringLiteral("current")).toInteger();
    // Downloading and extracting both count from 0 to the layer size: only the download counts.
    if (status == QStringLiteral("Downloading") && total > 0) {
        layer.total = total;
        layer.current = std::min(current, total);
    } else if (status == QStringLiteral("Download complete") || status == QStringLiteral("Pull complete")
               || status == QStringLiteral("Already exists")) {
        layer.done = true;
        layer.current = layer.total;
    }
}

int PullProgress::percent() const
{
    qint64 current = 0;
    qint64 total = 0;
    bool anyKnown = false;
    for (const Layer& layer : m_layers) {
        if (layer.total > 0) {
            anyKnown = true;
            total += layer.total;
            current += layer.current;
        }
    }
    if (!anyKnown) {
        return m_layers.isEmpty()
                       || !std::all_of(m_layers.cbegin(), m_layers.cend(), [](const Layer& l) { return l.done; })
                   ? -1
                   : 100;
    }
    return static_cast<int>(current * 100 / total);
}

} // namespace Knot
