#include "ui/terminal/spaceterminals.h"

#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/space/runningspace.h"
#include "core/space/serviceprobe.h"
#include "core/space/spaceservice.h"
#include "core/store/settingsstore.h"
#include "core/terminal/shelllauncher.h"
#include "ui/terminal/terminalwindow.h"

#include <QDesktopServices>

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
    RunningSpace::find(m_spaces, m_engines, spaceId, this)
        .then(this, [this, kind](const Result<RunningSpace>& running) {
            if (!running || !running->engine) {
                Q_EMIT failed(tr("Cannot open a terminal: %1")
                                  .arg(running ? tr("the engine connection is gone") : running.error().message));
                return;
            }
            ContainerSpec spec;
            spec.environment = running->environment();
            const Space& space = running->space;
            if (kind == Kind::Shell) {
                openTab(space, running->engine, ShellLauncher::shell(space.shell, spec));
                return;
            }
            ExecOptions probe;
            probe.command = ServiceProbe::tunnelStatusCommand();
            probe.user = ShellLauncher::environmentValue(spec.environment, QStringLiteral("KNOT_USER"));
            probe.attachStdin = false;
            QPointer<EngineClient> engine = running->engine;
            engine->exec(space.containerId, probe)
                .then(this, [this, space, engine, spec](const Result<ExecResult>& status) {
                    if (!engine) {
                        Q_EMIT failed(tr("Cannot open a terminal: the engine connection is gone"));
                        return;
                    }
                    const QUrl url = status && status->exitCode == 0 ? tunnelUrl(status->standardOutput) : QUrl();
                    if (!url.isEmpty()) {
                        QDesktopServices::openUrl(url);
                        Q_EMIT tunnelOpened(space.id, url);
                        return;
                    }
                    openTab(space, engine, ShellLauncher::tunnelLogin(spec));
                });
        });
}

QUrl SpaceTerminals::tunnelUrl(const QByteArray& statusJson)
{
    const auto name = ServiceProbe::connectedTunnel(statusJson);
    return name ? QUrl(QStringLiteral("https://vscode.dev/tunnel/")
                       + QString::fromLatin1(QUrl::toPercentEncoding(*name)))
                : QUrl();
}

void SpaceTerminals::openTab(const Space& space, EngineClient* engine, const ShellCommand& command)
{
    if (!m_window) {
        m_window = std::make_unique<TerminalWindow>(m_settings, QStringLiteral("terminalWindow/geometry"));
    }
    if (m_store) {
        if (const Result<int> lines = m_store->scrollbackLines()) {
            m_window->setScrollbackCapacity(*lines);
        }
    }
    m_window->openTerminal(space, engine, space.containerId, command);
    Q_EMIT opened(space.id);
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
