#include "core/engine/engineendpoint.h"

#include <QHostAddress>
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
    if (trimmed.startsWith(QStringLiteral("ssh://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.port() == 0 || !url.password().isEmpty() || url.hasQuery()
            || url.hasFragment()) {
            return Error::invalid(
                QStringLiteral("Invalid engine address \"%1\": expected ssh://[user@]host[:port][/path/to.sock]")
                    .arg(text));
        }
        endpoint.transport = Transport::Ssh;
        endpoint.host = url.host();
        endpoint.user = url.userName();
        endpoint.port = url.port() > 0 ? static_cast<quint16>(url.port()) : 0;
        endpoint.path =
            url.path().isEmpty() || url.path() == u"/" ? QString::fromUtf16(DefaultRemoteSocket) : url.path();
        return endpoint;
    }
    return Error::invalid(
        QStringLiteral("Invalid engine address \"%1\": expected unix:///path/to.sock, tcp://host:port or "
                       "ssh://[user@]host[:port][/path/to.sock]")
            .arg(text));
}

bool EngineEndpoint::isLocal() const
{
    switch (transport) {
    case Transport::Unix:
        return true;
    case Transport::Tcp:
        return host == u"localhost" || QHostAddress(host).isLoopback();
    case Transport::Ssh:
        break;
    }
    return false;
}

QString EngineEndpoint::toString() const
{
    switch (transport) {
    case Transport::Unix:
        return QStringLiteral("unix://") + path;
    case Transport::Tcp:
        return QStringLiteral("tcp://%1:%2").arg(host).arg(port);
    case Transport::Ssh:
        break;
    }
    QString text = QStringLiteral("ssh://");
    if (!user.isEmpty()) {
        text += user + u'@';
    }
    text += host.contains(u':') ? u'[' + host + u']' : host; // IPv6 literals in brackets, as in URLs
    if (port != 0) {
        text += u':' + QString::number(port);
    }
    return text + path;
}

} // namespace Knot
