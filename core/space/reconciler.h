#pragma once

#include "core/engine/enginetypes.h"
#include "core/model/space.h"
#include "core/result.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

namespace Knot {

class EngineClient;
class EngineManager;
class SpaceService;
struct ContainerInfo;
struct EngineEvent;

// Something labelled by this app instance in an engine whose space is unknown to the database.
struct Orphan
{
    enum class Kind
    {
        Container,
        Volume,
    };
    Orphan() = default;
    Orphan(Kind kind_, QString id_, QString name_, QString spaceId_, EngineClient* engine_)
        : kind(kind_), id(std::move(id_)), name(std::move(name_)), spaceId(std::move(spaceId_)), engine(engine_)
    { }

    Kind kind = Kind::Container;
    QString id; // container id or volume name
    QString name;
    QString spaceId;
    EngineClient* engine = nullptr;
    Labels labels; // the object's labels (template hash, for adopting a container)
    QDateTime created;
};

// Brings the database in line with the engines: at launch, after every engine reconnect, and
// live from engine events.
//  - a running labelled container of a known space is adopted (Running, its container id);
//  - a Running or Starting space whose container vanished becomes Stopped, one whose container
//    exited on its own becomes Failed with the reason (Stopped when it was stopped or killed);
//  - interrupted deletes and stops are finished;
//  - labelled containers and volumes of unknown spaces are reported as orphans.
class Reconciler : public QObject
{
    Q_OBJECT

public:
    Reconciler(SpaceService& service, EngineManager& engines, QObject* parent = nullptr);

    // Reconciles every engine spaces use (and the default engine); finishes with the orphans.
    QFuture<Result<QList<Orphan>>> reconcileAll();
    // One engine, for the spaces that run on it.
    QFuture<Result<QList<Orphan>>> reconcile(EngineClient* client);

    // Follows the engine's events (and reconciles after each reconnect). Done automatically for
    // every client the EngineManager makes once watchAllEngines() was called.
    void watch(EngineClient* client);
    void watchAllEngines();

    QFuture<VoidResult> removeOrphan(const Orphan& orphan);

Q_SIGNALS:
    void orphansFound(const QList<Knot::Orphan>& orphans);
    void reconciled(Knot::EngineClient* client);
    // A watched engine's event stream is up (again): its changes show live from now on.
    void eventsConnected(Knot::EngineClient* client);

private:
    void handleEvent(EngineClient* client, const EngineEvent& event);
    void reinspect(EngineClient* client, const QString& spaceId, const QString& containerId);
    // State for a space whose only container is `container` (not running).
    void applyEnded(const Space& space, const ContainerInfo& container, EngineClient* client);
    Result<QList<Space>> spacesOn(EngineClient* client) const;

    SpaceService& m_service;
    EngineManager& m_engines;
    QSet<EngineClient*> m_watched;
    bool m_watchAll = false;
};

} // namespace Knot
