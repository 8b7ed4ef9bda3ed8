#include "core/forward/portforwarder.h"

#include "core/engine/engineclient.h"
#include "core/forward/portforward.h"
#include "core/forward/relayinstaller.h"
#include "core/space/futurecallback.h"

#include <QPromise>

#include <memory>

namespace Knot {

PortForwarder::PortForwarder(QObject* parent) : QObject(parent), m_installer(new RelayInstaller(this)) { }

PortForwarder::PortForwarder(RelayInstaller* installer, QObject* parent) : QObject(parent), m_installer(installer) { }

PortForwarder::~PortForwarder()
{
    for (PortForward* forward : std::exchange(m_forwards, {})) {
        forward->disconnect(this);
        delete forward;
    }
}

PortForward* PortForwarder::find(EngineClient* client, const QString& containerId, int containerPort) const
{
    for (PortForward* forward : m_forwards) {
        if (forward->client() == client && forward->containerId() == containerId
            && forward->containerPort() == containerPort) {
            return forward;
        }
    }
    return nullptr;
}

Result<quint16>
PortForwarder::forward(EngineClient* client, const QString& containerId, int containerPort, const QString& spaceName)
{
    if (PortForward* existing = find(client, containerId, containerPort)) {
        return existing->localPort();
    }
    auto* forward = new PortForward(client, m_installer, containerId, containerPort, spaceName, this);
    const Result<quint16> port = forward->listen();
    if (!port.ok()) {
        delete forward;
        return port;
    }
    m_forwards.append(forward);
    connect(forward, &PortForward::connectionFailed, this, [this, forward](const QString& message) {
        Q_EMIT connectionFailed(forward->containerId(), forward->containerPort(), message);
    });
    connect(forward, &PortForward::stopped, this, [this, forward](const QString& message) {
        m_forwards.removeOne(forward);
        forward->deleteLater();
        Q_EMIT forwardStopped(forward->containerId(), forward->containerPort(), message);
    });
    return port;
}

quint16 PortForwarder::localPort(EngineClient* client, const QString& containerId, int containerPort) const
{
    const PortForward* forward = find(client, containerId, containerPort);
    return forward ? forward->localPort() : 0;
}

int PortForwarder::connectionCount(EngineClient* client, const QString& containerId, int containerPort) const
{
    const PortForward* forward = find(client, containerId, containerPort);
    return forward ? forward->connectionCount() : 0;
}

void PortForwarder::stop(EngineClient* client, const QString& containerId, int containerPort)
{
    if (PortForward* forward = find(client, containerId, containerPort)) {
        forward->stop();
    }
}

void PortForwarder::stopAll(EngineClient* client, const QString& containerId)
{
    const QList<PortForward*> forwards = m_forwards;
    for (PortForward* forward : forwards) {
        if (forward->client() == client && forward->containerId() == containerId) {
            forward->stop();
        }
    }
    m_installer->forget(client, containerId);
}

QFuture<Result<QList<ListeningPort>>> PortForwarder::listListeningPorts(EngineClient* client,
                                                                        const QString& containerId)
{
    auto promise = std::make_shared<QPromise<Result<QList<ListeningPort>>>>();
    promise->start();
    auto deliver = [promise](Result<QList<ListeningPort>> result) {
        promise->addResult(std::move(result));
        promise->finish();
    };
    onFinished(m_installer->install(client, containerId),
               this,
               [this, client, containerId, deliver](const VoidResult& installed) {
                   if (!installed.ok()) {
                       deliver(installed.error());
                       return;
                   }
                   ExecOptions options;
                   options.command = {m_installer->path(), QStringLiteral("ports")};
                   options.attachStdin = false;
                   onFinished(client->exec(containerId, options), this, [deliver](const Result<ExecResult>& result) {
                       if (!result.ok()) {
                           deliver(result.error());
                       } else if (result->exitCode != 0) {
                           deliver(Error::io(QStringLiteral("Could not list the ports listening in the container"),
                                             QString::fromUtf8(result->standardError).trimmed()));
                       } else {
                           deliver(ListeningPort::parseList(result->standardOutput));
                       }
                   });
               });
    return promise->future();
}

} // namespace Knot
