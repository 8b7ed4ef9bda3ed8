#include "ui/vnc/spacevnc.h"

#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/space/spaceservice.h"
#include "core/store/templatestore.h"
#include "ui/vnc/vncwindow.h"

#include <QJsonObject>
#include <QPointer>

namespace Knot {

namespace {

bool isLocal(const EngineEndpoint& endpoint)
{
    return endpoint.transport == EngineEndpoint::Transport::Unix || endpoint.host == u"localhost"
           || endpoint.host == u"127.0.0.1" || endpoint.host == u"::1";
}

QString containerAddress(const QJsonObject& inspect)
{
    const QJsonObject settings = inspect.value(QStringLiteral("NetworkSettings")).toObject();
    QString address = settings.value(QStringLiteral("IPAddress")).toString();
    const QJsonObject networks = settings.value(QStringLiteral("Networks")).toObject();
    for (auto it = networks.begin(); address.isEmpty() && it != networks.end(); ++it) {
        address = it->toObject().value(QStringLiteral("IPAddress")).toString();
    }
    return address;
}

} // namespace

SpaceVnc::SpaceVnc(Database& db, SpaceService& spaces, EngineManager& engines, QObject* parent)
    : QObject(parent), m_db(db), m_spaces(spaces), m_engines(engines)
{ }

Result<SpaceVnc::Address>
SpaceVnc::reachableAddress(const ContainerInfo& container, int containerPort, bool localEngine)
{
    for (const ContainerPort& published : container.ports) {
        if (published.containerPort == containerPort && published.protocol != u"udp" && published.hostPort > 0) {
            const bool wildcard =
                published.hostIp.isEmpty() || published.hostIp == u"0.0.0.0" || published.hostIp == u"::";
            return Address {wildcard ? QStringLiteral("127.0.0.1") : published.hostIp, published.hostPort};
        }
    }
    if (localEngine) {
        if (const QString address = containerAddress(container.raw); !address.isEmpty()) {
            return Address {address, containerPort};
        }
    }
    return Error {Error::Kind::Unsupported,
                  tr("port %1 is not published and the container has no address reachable from here; publish it "
                     "in the template (ports: [\"127.0.0.1::%1\"])")
                      .arg(containerPort),
                  {}};
}

void SpaceVnc::open(const QString& spaceId)
{
    const Result<Space> space = m_spaces.get(spaceId);
    if (!space) {
        Q_EMIT failed(space.error().toString());
        return;
    }
    const Result<Template> tmpl = TemplateStore(m_db).get(space->templateId);
    if (!tmpl) {
        Q_EMIT failed(tmpl.error().toString());
        return;
    }
    if (!tmpl->vnc) {
        Q_EMIT failed(tr("The template of %1 has no VNC desktop.").arg(space->name));
        return;
    }
    if (space->state != SpaceState::Running || space->containerId.isEmpty()) {
        Q_EMIT failed(tr("%1 is not running: start it to open its desktop.").arg(space->name));
        return;
    }
    const VncSettings vnc = *tmpl->vnc;
    m_engines.clientFor(space->engineId).then(this, [this, space = *space, vnc](const Result<EngineClient*>& client) {
        if (!client) {
            Q_EMIT failed(tr("Cannot open the desktop of %1: %2").arg(space.name, client.error().toString()));
            return;
        }
        QPointer<EngineClient> engine = *client;
        const bool local = isLocal(engine->endpoint());
        engine->inspectContainer(space.containerId)
            .then(this, [this, space, vnc, local](const Result<ContainerInfo>& container) {
                if (!container) {
                    Q_EMIT failed(
                        tr("Cannot open the desktop of %1: %2").arg(space.name, container.error().toString()));
                    return;
                }
                const Result<Address> address = reachableAddress(*container, vnc.port, local);
                if (!address) {
                    Q_EMIT failed(tr("Cannot open the desktop of %1: %2").arg(space.name, address.error().message));
                    return;
                }
                VncWindow::openVnc(space.name, address->host, address->port, vnc.password, vnc.transport);
                Q_EMIT opened(space.id, *address);
            });
    });
}

} // namespace Knot
