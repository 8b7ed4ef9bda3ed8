#include "ui/vnc/spacevnc.h"

#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/space/runningspace.h"
#include "core/space/spaceservice.h"
#include "core/store/templatestore.h"
#include "ui/vnc/vncwindow.h"

#include <QJsonObject>

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
    const VncSettings vnc = *tmpl->vnc;
    RunningSpace::find(m_spaces, m_engines, spaceId, this)
        .then(this, [this, vnc, name = space->name](const Result<RunningSpace>& running) {
            if (!running) {
                Q_EMIT failed(tr("Cannot open the desktop: %1").arg(running.error().message));
                return;
            }
            const bool local = running->engine && isLocal(running->engine->endpoint());
            const Result<Address> address = reachableAddress(running->container, vnc.port, local);
            if (!address) {
                Q_EMIT failed(tr("Cannot open the desktop of %1: %2").arg(name, address.error().message));
                return;
            }
            VncWindow::openVnc(name, address->host, address->port, vnc.password, vnc.transport);
            Q_EMIT opened(running->space.id, *address);
        });
}

} // namespace Knot
