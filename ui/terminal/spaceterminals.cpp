#include "ui/terminal/spaceterminals.h"

#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/space/spaceservice.h"
#include "core/terminal/shelllauncher.h"
#include "ui/terminal/terminalwindow.h"

#include <QJsonArray>

namespace Knot {

SpaceTerminals::SpaceTerminals(SpaceService& spaces, EngineManager& engines, QSettings* settings, QObject* parent)
    : QObject(parent), m_spaces(spaces), m_engines(engines), m_settings(settings)
{
    connect(&m_spaces, &SpaceService::spaceChanged, this, &SpaceTerminals::onSpaceChanged);
    connect(&m_spaces, &SpaceService::spaceRemoved, this, [this](const QString& id) {
        if (m_window) {
            m_window->spaceStopped(id);
        }
    });
}

SpaceTerminals::~SpaceTerminals() = default;

void SpaceTerminals::open(const QString& spaceId, Kind kind)
{
    const Result<Space> space = m_spaces.get(spaceId);
    if (!space) {
        Q_EMIT failed(space.error().toString());
        return;
    }
    if (space->state != SpaceState::Running || space->containerId.isEmpty()) {
        Q_EMIT failed(tr("%1 is not running: start it to open a terminal.").arg(space->name));
        return;
    }
    m_engines.clientFor(space->engineId).then(this, [this, space = *space, kind](const Result<EngineClient*>& client) {
        if (!client) {
            Q_EMIT failed(tr("Cannot open a terminal in %1: %2").arg(space.name, client.error().toString()));
            return;
        }
        QPointer<EngineClient> engine = *client;
        engine->inspectContainer(space.containerId)
            .then(this, [this, space, kind, engine](const Result<ContainerInfo>& container) {
                if (!container || !engine) {
                    Q_EMIT failed(
                        tr("Cannot open a terminal in %1: %2")
                            .arg(space.name,
                                 container ? tr("the engine connection is gone") : container.error().toString()));
                    return;
                }
                ContainerSpec spec;
                const QJsonArray environment =
                    container->raw.value(QStringLiteral("Config")).toObject().value(QStringLiteral("Env")).toArray();
                for (const QJsonValue& entry : environment) {
                    spec.environment.append(entry.toString());
                }
                const ShellCommand command =
                    kind == Kind::Shell ? ShellLauncher::shell(space.shell, spec) : ShellLauncher::tunnelLogin(spec);
                if (!m_window) {
                    m_window = std::make_unique<TerminalWindow>(m_settings, QStringLiteral("terminalWindow/geometry"));
                }
                m_window->openTerminal(space, engine, space.containerId, command);
                Q_EMIT opened(space.id);
            });
    });
}

void SpaceTerminals::onSpaceChanged(const Space& space)
{
    if (!m_window) {
        return;
    }
    if (space.state != SpaceState::Running || space.containerId.isEmpty()) {
        m_window->spaceStopped(space.id);
        return;
    }
    // A restart may have made a new container: Reconnect and new tabs go there.
    m_engines.clientFor(space.engineId).then(this, [this, space](const Result<EngineClient*>& client) {
        if (client && m_window) {
            m_window->spaceStarted(space.id, *client, space.containerId);
        }
    });
}

} // namespace Knot
