#include "core/space/serviceprobe.h"

#include "core/engine/engineclient.h"
#include "core/space/runningspace.h"
#include "core/terminal/shelllauncher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <algorithm>

namespace Knot {

namespace {

// Prints `code tunnel status` JSON. knot installs the CLI in ~/.local/bin (of the space's user).
constexpr auto TunnelStatusScript = R"sh(for c in code "$HOME/.local/bin/code"; do
  if command -v "$c" >/dev/null 2>&1; then exec "$c" tunnel status; fi
done
exit 127)sh";

} // namespace

ServiceProbe::ServiceProbe(SpaceService& spaces, EngineManager& engines, PortLister lister, QObject* parent)
    : QObject(parent), m_spaces(spaces), m_engines(engines), m_lister(std::move(lister))
{ }

ServiceProbe::~ServiceProbe() = default;

int ServiceProbe::nextIntervalMs(int currentMs, bool changed)
{
    return changed ? FirstIntervalMs : std::min(MaxIntervalMs, std::max(FirstIntervalMs, currentMs * 2));
}

QStringList ServiceProbe::tunnelStatusCommand()
{
    return {QStringLiteral("/bin/sh"),
            QStringLiteral("-c"),
            QString::fromLatin1(TunnelStatusScript),
            QStringLiteral("knot-tunnel-status")};
}

std::optional<QString> ServiceProbe::connectedTunnel(const QByteArray& statusJson)
{
    // {"tunnel": {"name": "…", "tunnel": "Connected" | "Disconnected", …}, "service_installed": …}
    const QJsonObject tunnel = QJsonDocument::fromJson(statusJson).object().value(QStringLiteral("tunnel")).toObject();
    const QString state = tunnel.value(QStringLiteral("tunnel")).toString();
    const QString name = tunnel.value(QStringLiteral("name")).toString();
    if (state.compare(QLatin1String("Connected"), Qt::CaseInsensitive) != 0 || name.isEmpty()) {
        return std::nullopt;
    }
    return name;
}

void ServiceProbe::watch(const QString& spaceId, bool tunnel)
{
    Watch& watched = m_watched[spaceId];
    watched.tunnel = tunnel;
    watched.intervalMs = FirstIntervalMs;
    if (!watched.timer) {
        watched.timer = new QTimer(this);
        watched.timer->setSingleShot(true);
        connect(watched.timer, &QTimer::timeout, this, [this, spaceId] { probe(spaceId); });
    }
    watched.timer->stop();
    probe(spaceId);
}

void ServiceProbe::unwatch(const QString& spaceId)
{
    const auto found = m_watched.find(spaceId);
    if (found == m_watched.end()) {
        return;
    }
    delete found->timer;
    m_watched.erase(found);
}

ServiceStatus ServiceProbe::status(const QString& spaceId) const
{
    return m_watched.value(spaceId).status;
}

void ServiceProbe::probe(const QString& spaceId)
{
    const auto found = m_watched.find(spaceId);
    if (found == m_watched.end() || found->probing) {
        return;
    }
    found->probing = true;
    const bool tunnel = found->tunnel;
    RunningSpace::find(m_spaces, m_engines, spaceId, this)
        .then(this, [this, spaceId, tunnel](const Result<RunningSpace>& running) {
            EngineClient* engine = running ? running->engine.data() : nullptr;
            if (!engine) {
                // Not running (any more) or no engine: nothing answers; the schedule goes on until
                // the owner unwatches.
                finish(spaceId, ServiceStatus {true, {}, false, {}});
                return;
            }
            const QString containerId = running->container.id;
            const QStringList environment = running->environment();
            QPointer<EngineClient> guarded = engine;
            m_lister(engine, containerId)
                .then(this,
                      [this, spaceId, tunnel, guarded, containerId, environment](
                          const Result<QList<ListeningPort>>& ports) {
                          ServiceStatus status;
                          status.probed = true;
                          if (ports) {
                              status.listening = ListeningPort::numbers(*ports);
                          }
                          EngineClient* client = guarded.data();
                          if (!tunnel || !client) {
                              finish(spaceId, status);
                              return;
                          }
                          ExecOptions ask;
                          ask.command = tunnelStatusCommand();
                          ask.user = ShellLauncher::environmentValue(environment, QStringLiteral("KNOT_USER"));
                          ask.attachStdin = false;
                          client->exec(containerId, ask)
                              .then(this, [this, spaceId, status](const Result<ExecResult>& answer) mutable {
                                  const auto name = answer && answer->exitCode == 0
                                                        ? connectedTunnel(answer->standardOutput)
                                                        : std::nullopt;
                                  status.tunnelConnected = name.has_value();
                                  status.tunnelName = name.value_or(QString());
                                  finish(spaceId, status);
                              });
                      });
        });
}

void ServiceProbe::finish(const QString& spaceId, const ServiceStatus& status)
{
    const auto found = m_watched.find(spaceId);
    if (found == m_watched.end()) {
        return; // unwatched meanwhile
    }
    found->probing = false;
    const bool changed = status != found->status;
    found->status = status;
    found->intervalMs = nextIntervalMs(found->intervalMs, changed);
    found->timer->start(found->intervalMs);
    if (changed) {
        Q_EMIT statusChanged(spaceId, status);
    }
}

} // namespace Knot
