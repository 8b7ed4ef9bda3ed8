#include "core/engine/engineendpoint.h"

#include <QUrl>

namespace Knot {

Result<EngineEndpoint> EngineEndpoint::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    EngineEndpoint endpoint;
    if (trimmed.startsWith(u'/')) {
        endpoint.path = trimmed;
        return endpoint;
    }
    if (trimmed.startsWith(QStringLiteral("unix://"))) {
        endpoint.path = trimmed.mid(7);
        if (!endpoint.path.startsWith(u'/')) {
            return Error::invalid(
                QStringLiteral("Invalid engine address \"%1\": the socket path must be absolute").arg(text));
        }
        return endpoint;
    }
    if (trimmed.startsWith(QStringLiteral("tcp://")) || trimmed.startsWith(QStringLiteral("http://"))) {
        const QUrl url(QStringLiteral("http://") + trimmed.section(QStringLiteral("://"), 1));
        if (!url.isValid() || url.host().isEmpty() || url.port() <= 0) {
            return Error::invalid(QStringLiteral("Invalid engine address \"%1\": expected tcp://host:port").arg(text));
        }
        endpoint.transport = Transport::Tcp;
        endpoint.host = url.host();
        endpoint.port = static_cast<quint16>(url.port());
        return endpoint;
    }
    return Error::invalid(
        QStringLiteral("Invalid engine address \"%1\": expected unix:///path/to.sock or tcp://host:port").arg(text));
}

QString EngineEndpoint::toString() const
{
    if (transport == Transport::Unix) {
        return QStringLiteral("unix://") + path;
    }
    return QStringLiteral("tcp://%1:%2").arg(host).arg(port);
}

} // namespace Knot
