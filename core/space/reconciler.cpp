#include "core/space/reconciler.h"

#include "core/engine/engineclient.h"
#include "core/engine/eventstream.h"
#include "core/logging.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"

#include <QFuture>
#include <QPromise>

#include <memory>

namespace Knot {

namespace {

template <typename T>
void finishPromise(const std::shared_ptr<QPromise<T>>& promise, T result)
{
    promise->addResult(std::move(result));
    promise->finish();
}

// Exit codes of a container that was stopped or killed rather than one that failed.
bool endedByRequest(const ContainerState& state)
{
    return !state.oomKilled && state.error.isEmpty()
           && (state.exitCode == 0 || state.exitCode == 130 || state.exitCode == 137 || state.exitCode == 143);
}

QString failureText(const ContainerState& state)
{
    if (state.oomKilled) {
        return QStringLiteral("The container ran out of memory and was killed");
    }
    if (!state.error.isEmpty()) {
        return state.error;
    }
    return QStringLiteral("The container exited with code %1").arg(state.exitCode);
}

} // namespace

Reconciler::Reconciler(SpaceService& service, EngineManager& engines, QObject* parent)
    : QObject(parent), m_service(service), m_engines(engines)
{ }

Result<QList<Space>> Reconciler::spacesOn(EngineClient* client) const
{
    auto spaces = m_service.list();
    if (!spaces) {
        return spaces.error();
    }
    QList<Space> on;
    for (const auto& space : *spaces) {
        if (m_engines.serves(client, space.engineId)) {
            on << space;
        }
    }
    return on;
}

QFuture<Result<QList<Orphan>>> Reconciler::reconcileAll()
{
    auto promise = std::make_shared<QPromise<Result<QList<Orphan>>>>();
    promise->start();
    const auto spaces = m_service.list();
    if (!spaces) {
        finishPromise(promise, Result<QList<Orphan>>(spaces.error()));
        return promise->future();
    }
    QStringList engineIds {QString()};
    for (const auto& space : *spaces) {
        if (!engineIds.contains(space.engineId)) {
            engineIds << space.engineId;
        }
    }
    // One engine after the other; an unreachable engine is skipped (its spaces keep their state).
    auto orphans = std::make_shared<QList<Orphan>>();
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, promise, engineIds, orphans, next]() mutable {
        if (engineIds.isEmpty()) {
            finishPromise(promise, Result<QList<Orphan>>(*orphans));
            *next = nullptr;
            return;
        }
        const QString engineId = engineIds.takeFirst();
        onFinished(m_engines.clientFor(engineId), this, [this, orphans, next](Result<EngineClient*> client) {
            if (!client) {
                qCWarning(lcSpace) << "Cannot reconcile:" << client.error().toString();
                return (*next)();
            }
            onFinished(reconcile(*client), this, [orphans, next](Result<QList<Orphan>> found) {
                if (found) {
                    *orphans += *found;
                }
                (*next)();
            });
        });
    };
    (*next)();
    return promise->future();
}

QFuture<Result<QList<Orphan>>> Reconciler::reconcile(EngineClient* client)
{
    auto promise = std::make_shared<QPromise<Result<QList<Orphan>>>>();
    promise->start();
    const QString filter = SpaceLabels::instanceFilter(m_service.instanceId());
    onFinished(
        client->listContainers(filter), this, [this, client, promise, filter](Result<QList<ContainerInfo>> containers) {
            if (!containers) {
                return finishPromise(promise, Result<QList<Orphan>>(containers.error()));
            }
            onFinished(
                client->listVolumes(filter),
                this,
                [this, client, promise, containers = *containers](Result<QList<VolumeInfo>> volumes) {
                    if (!volumes) {
                        return finishPromise(promise, Result<QList<Orphan>>(volumes.error()));
                    }
                    const auto all = m_service.list();
                    const auto mine = spacesOn(client);
                    if (!all || !mine) {
                        return finishPromise(promise, Result<QList<Orphan>>(!all ? all.error() : mine.error()));
                    }
                    QSet<QString> known;
                    for (const auto& space : *all) {
                        known.insert(space.id);
                    }
                    QList<Orphan> orphans;
                    for (const auto& container : containers) {
                        const QString spaceId = container.labels.value(SpaceLabels::SpaceId);
                        if (!known.contains(spaceId)) {
                            orphans << Orphan {Orphan::Kind::Container, container.id, container.name, spaceId, client};
                            orphans.last().labels = container.labels;
                            orphans.last().created = container.created;
                        }
                    }
                    for (const auto& volume : *volumes) {
                        const QString spaceId = volume.labels.value(SpaceLabels::SpaceId);
                        if (!known.contains(spaceId)) {
                            orphans << Orphan {Orphan::Kind::Volume, volume.name, volume.name, spaceId, client};
                            orphans.last().labels = volume.labels;
                            orphans.last().created = volume.created;
                        }
                    }
                    for (const auto& space : *mine) {
                        if (m_service.isBusy(space.id)) {
                            continue;
                        }
                        QList<ContainerInfo> own;
                        for (const auto& container : containers) {
                            if (container.labels.value(SpaceLabels::SpaceId) == space.id) {
                                own << container;
                            }
                        }
                        const auto running = std::find_if(
                            own.cbegin(), own.cend(), [](const ContainerInfo& c) { return c.state.running; });
                        switch (space.state) {
                        case SpaceState::Deleting:
                            (void)m_service.remove(space.id);
                            continue;
                        case SpaceState::Stopping:
                            (void)m_service.stop(space.id);
                            continue;
                        default:
                            break;
                        }
                        if (running != own.cend()) {
                            m_service.applyObserved(space.id, SpaceState::Running, running->id, {});
                        } else if (!own.isEmpty()) {
                            reinspect(client, space.id, own.first().id);
                        } else if (space.state == SpaceState::Running || space.state == SpaceState::Starting) {
                            m_service.applyObserved(space.id, SpaceState::Stopped, {}, {});
                        } else if (!space.containerId.isEmpty()) {
                            m_service.applyObserved(space.id, space.state, {}, space.lastError);
                        }
                    }
                    if (!orphans.isEmpty()) {
                        Q_EMIT orphansFound(orphans);
                    }
                    Q_EMIT reconciled(client);
                    finishPromise(promise, Result<QList<Orphan>>(orphans));
                });
        });
    return promise->future();
}

void Reconciler::watchAllEngines()
{
    m_watchAll = true;
    for (auto* client : m_engines.clients()) {
        watch(client);
    }
    connect(&m_engines, &EngineManager::clientAdded, this, &Reconciler::watch, Qt::UniqueConnection);
}

void Reconciler::watch(EngineClient* client)
{
    if (m_watched.contains(client)) {
        return;
    }
    m_watched.insert(client);
    EventStream* stream = client->watchEvents(SpaceLabels::Instance + u'=' + m_service.instanceId(), this);
    connect(
        stream, &EventStream::event, this, [this, client](const EngineEvent& event) { handleEvent(client, event); });
    // Events may have been missed while the stream was down.
    connect(stream, &EventStream::connected, this, [this, client]() { Q_EMIT eventsConnected(client); });
    connect(stream, &EventStream::reconnected, this, [this, client]() {
        Q_EMIT eventsConnected(client);
        (void)reconcile(client);
    });
    connect(client, &QObject::destroyed, this, [this, client]() { m_watched.remove(client); });
    stream->start();
}

void Reconciler::handleEvent(EngineClient* client, const EngineEvent& event)
{
    if (event.type != u"container") {
        return;
    }
    const QString spaceId = event.attributes.value(SpaceLabels::SpaceId);
    if (spaceId.isEmpty() || m_service.isBusy(spaceId)) {
        return;
    }
    // Whatever the action is called (die, died, stop, kill, oom, destroy…), the container's
    // current state decides.
    reinspect(client, spaceId, event.actorId);
}

void Reconciler::reinspect(EngineClient* client, const QString& spaceId, const QString& containerId)
{
    onFinished(
        client->inspectContainer(containerId), this, [this, client, spaceId, containerId](Result<ContainerInfo> info) {
            const auto space = m_service.get(spaceId);
            if (!space || m_service.isBusy(spaceId)) {
                return;
            }
            if (!info) {
                if (info.error().httpStatus == 404 || info.error().kind == Error::Kind::NotFound) {
                    // Gone: only the space's own container matters.
                    if (space->containerId == containerId
                        && (space->state == SpaceState::Running || space->state == SpaceState::Starting)) {
                        m_service.applyObserved(spaceId, SpaceState::Stopped, {}, {});
                    }
                }
                return;
            }
            if (info->state.running) {
                if (space->state == SpaceState::Running || space->state == SpaceState::Stopped
                    || space->state == SpaceState::Starting || space->state == SpaceState::Failed) {
                    m_service.applyObserved(spaceId, SpaceState::Running, info->id, {});
                }
                return;
            }
            applyEnded(*space, *info, client);
        });
}

void Reconciler::applyEnded(const Space& space, const ContainerInfo& container, EngineClient* client)
{
    if (space.containerId != container.id && space.state != SpaceState::Running
        && space.state != SpaceState::Starting) {
        return;
    }
    if (container.state.status == u"created") {
        // Not started yet: an interrupted start. The next start removes it.
        if (space.state == SpaceState::Running || space.state == SpaceState::Starting) {
            m_service.applyObserved(space.id, SpaceState::Stopped, {}, {});
        }
        return;
    }
    const bool requested = endedByRequest(container.state);
    const SpaceState state = requested ? SpaceState::Stopped : SpaceState::Failed;
    m_service.applyObserved(space.id, state, {}, requested ? QString() : failureText(container.state));
    // Stopped means no container: remove what is left of it (the volumes stay).
    (void)client->removeContainer(container.id, true, false);
}

QFuture<VoidResult> Reconciler::removeOrphan(const Orphan& orphan)
{
    if (!orphan.engine) {
        return QtFuture::makeReadyFuture(VoidResult(Error::invalid(QStringLiteral("The orphan has no engine"))));
    }
    if (orphan.kind == Orphan::Kind::Container) {
        return orphan.engine->removeContainer(orphan.id, true, false);
    }
    return orphan.engine->removeVolume(orphan.id, true);
}

} // namespace Knot
