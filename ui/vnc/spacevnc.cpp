#include "ui/vnc/spacevnc.h"

#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/space/runningspace.h"
#include "core/space/spaceservice.h"
#include "core/store/templatestore.h"
#include "ui/messagewidget.h"
#include "ui/vnc/vncview.h"
#include "ui/vnc/vncwindow.h"

#include <QJsonObject>
#include <QTimer>

namespace Knot {

namespace {

// How long a restarted space's VNC server gets to come up: RestartRetries × RetryIntervalMs.
constexpr int RestartRetries = 15;
constexpr int RetryIntervalMs = 2000;

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
{
    connect(&m_spaces, &SpaceService::spaceChanged, this, &SpaceVnc::onSpaceChanged);
}

Result<SpaceVnc::Route>
SpaceVnc::route(const ContainerInfo& container, int containerPort, bool localEngine, bool forwarding)
{
    // What a remote engine publishes is on its machine, not here.
    for (const ContainerPort& published : container.ports) {
        if (localEngine && published.containerPort == containerPort && published.protocol != u"udp"
            && published.hostPort > 0) {
            return Route {Route::Kind::Direct, {published.reachableHost(), published.hostPort}};
        }
    }
    // The forward before the container's address: it also reaches a server bound to the
    // container's loopback, and works where container addresses are not routable (rootless).
    if (forwarding) {
        return Route {Route::Kind::Forward, {}};
    }
    if (localEngine) {
        if (const QString address = containerAddress(container.raw); !address.isEmpty()) {
            return Route {Route::Kind::Direct, {address, containerPort}};
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
    if (VncWindow* existing = window(spaceId)) {
        existing->show();
        existing->raise();
        existing->activateWindow();
        return;
    }
    locate(spaceId,
           tr("Cannot open the desktop"),
           [this](const Space& space, const VncSettings& vnc, const Address& address) {
               if (window(space.id)) {
                   return; // a second click while the first was still looking
               }
               VncWindow* opened =
                   VncWindow::openVnc(space.name, address.host, address.port, vnc.password, vnc.transport);
               m_windows.insert(space.id, {opened, space.containerId, vnc.port});
               connect(opened, &QObject::destroyed, this, [this, id = space.id] { m_windows.remove(id); });
               retryAfterRestarts(space.id, opened);
               Q_EMIT this->opened(space.id, address);
           });
}

VncWindow* SpaceVnc::window(const QString& spaceId) const
{
    return m_windows.value(spaceId).window;
}

bool SpaceVnc::showForwardFailure(const QString& containerId, int containerPort, const QString& message)
{
    bool shown = false;
    for (const OpenWindow& open : std::as_const(m_windows)) {
        VncWindow* target = open.window.data();
        if (target && open.containerId == containerId && open.containerPort == containerPort) {
            target->messageWidget()->showError(message);
            shown = true;
        }
    }
    return shown;
}

void SpaceVnc::retryAfterRestarts(const QString& spaceId, VncWindow* window)
{
    connect(window->view()->client(), &VncClient::stateChanged, this, [this, spaceId](VncClient::State state) {
        const auto open = m_windows.find(spaceId);
        VncWindow* target = open != m_windows.end() ? open->window.data() : nullptr;
        if (!target) {
            return;
        }
        if (state == VncClient::State::Connected) {
            open->retriesLeft = 0;
            target->messageWidget()->hideMessage(); // a forward failure before this one is history
        } else if ((state == VncClient::State::Failed || state == VncClient::State::Disconnected)
                   && open->retriesLeft > 0) {
            --open->retriesLeft;
            QTimer::singleShot(RetryIntervalMs, target->view(), &VncView::reconnect);
        }
    });
}

void SpaceVnc::locate(const QString& spaceId, const QString& failurePrefix, Located then)
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
    RunningSpace::find(m_spaces, m_engines, spaceId, this)
        .then(this, [this, vnc = *tmpl->vnc, failurePrefix, then](const Result<RunningSpace>& running) {
            if (!running) {
                Q_EMIT failed(tr("%1: %2").arg(failurePrefix, running.error().message));
                return;
            }
            const bool local = running->engine && running->engine->endpoint().isLocal();
            const Result<Route> route = SpaceVnc::route(running->container, vnc.port, local, bool(m_forwarder));
            if (!route) {
                Q_EMIT failed(tr("%1: %2").arg(failurePrefix, route.error().message));
                return;
            }
            if (route->kind == Route::Kind::Direct) {
                return then(running->space, vnc, route->address);
            }
            // A new container (after a restart) gets a new forward: forwards are per container.
            onFinished(m_forwarder(*running, vnc.port),
                       this,
                       [this, space = running->space, vnc, failurePrefix, then](const Result<int>& forwarded) {
                           if (!forwarded) {
                               Q_EMIT failed(tr("%1: %2").arg(failurePrefix, forwarded.error().message));
                               return;
                           }
                           then(space, vnc, Address {QStringLiteral("127.0.0.1"), *forwarded});
                       });
        });
}

void SpaceVnc::onSpaceChanged(const Space& space)
{
    const auto open = m_windows.find(space.id);
    VncWindow* target = open != m_windows.end() ? open->window.data() : nullptr;
    if (!target) {
        return;
    }
    if (space.state != SpaceState::Running || space.containerId.isEmpty()) {
        open->retriesLeft = 0;
        if (space.state == SpaceState::Stopped || space.state == SpaceState::Failed) {
            target->messageWidget()->showInfo(
                tr("%1 is not running; the desktop reconnects when it runs again.").arg(space.name));
        }
        return;
    }
    if (space.containerId == open->containerId) {
        return;
    }
    open->containerId = space.containerId;
    open->retriesLeft = RestartRetries;
    locate(space.id,
           tr("Cannot reconnect the desktop"),
           [this](const Space& running, const VncSettings& vnc, const Address& address) {
               VncWindow* reconnecting = window(running.id);
               if (!reconnecting) {
                   return;
               }
               m_windows[running.id].containerPort = vnc.port;
               reconnecting->messageWidget()->hideMessage();
               reconnecting->view()->connectToHost(address.host, address.port, vnc.password, vnc.transport);
               Q_EMIT opened(running.id, address);
           });
}

} // namespace Knot
