#pragma once

#include "core/model/space.h"
#include "core/model/template.h"
#include "core/result.h"
#include "core/template/variablecontext.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Knot {

class Database;
class EngineClient;
class EngineManager;
class SpaceOperationQueue;
struct ContainerInfo;

// The space lifecycle as DESIGN.md's Semantics section defines it: create, start, stop, restart,
// edit and remove, each asynchronous (a future that finishes with the outcome) and reported
// through signals. Operations on one space run one after the other; different spaces run
// concurrently. Every failure of start, stop or remove leaves the space Failed with the
// engine's text, never silently Stopped.
//
// Lives on the thread that opened the database (the GUI thread in the app) and never blocks it.
class SpaceService : public QObject
{
    Q_OBJECT

public:
    SpaceService(Database& db, EngineManager& engines, QObject* parent = nullptr);
    ~SpaceService() override;

    // Seconds a container gets between SIGTERM and SIGKILL on stop.
    void setStopGraceSeconds(int seconds) { m_graceSeconds = seconds; }
    // The `.user` variables spaces are started with (default: the logged-in user).
    void setUser(const UserInfo& user) { m_user = user; }
    // Identifies this database's objects in engines (label SpaceLabels::Instance); made once.
    QString instanceId() const { return m_instanceId; }

    // Spaces as stored, with updateAvailable filled in.
    Result<QList<Space>> list() const;
    Result<Space> get(const QString& id) const;
    // By id or (case-insensitive) name, for the command-line tool.
    Result<Space> find(const QString& idOrName) const;
    // Running and started with a template hash that is no longer the template's.
    bool isUpdateAvailable(const Space& space) const;

    // Validates the draft (names, shell, custom fields), stores it Stopped, then starts it when
    // asked: the future finishes after the start, with its outcome.
    QFuture<Result<Space>> create(Space draft, bool start);
    QFuture<Result<Space>> start(const QString& id);
    QFuture<Result<Space>> stop(const QString& id);
    QFuture<Result<Space>> restart(const QString& id);
    // Saves name, description, icon, additional names, shell and custom fields at once;
    // container-level changes apply at the next start.
    QFuture<Result<Space>> edit(const Space& edited);
    // Only a Stopped or Failed space (or an interrupted delete): its containers, volumes and
    // managed paths, then the record.
    QFuture<VoidResult> remove(const QString& id);

    // Whether an operation is queued or running for the space.
    bool isBusy(const QString& id) const;

    // For the reconciler: a state observed in the engine, applied unless an operation is busy
    // with the space. Emits spaceChanged when something changed.
    void applyObserved(const QString& id, SpaceState state, const QString& containerId, const QString& error);

    // Whether deleting `path` as a managed path is allowed: never `/`, the home directory, the
    // working directory or a folder above them.
    static bool isSafeToDelete(const QString& path);

Q_SIGNALS:
    void spaceAdded(const Knot::Space& space);
    void spaceChanged(const Knot::Space& space);
    void spaceRemoved(const QString& id);
    // Image pull progress while Starting (percent -1 when unknown).
    void progress(const QString& id, int percent, const QString& text);

private:
    struct StartRun;
    template <typename T>
    using PromisePtr = std::shared_ptr<QPromise<Result<T>>>;
    using Done = std::function<void()>;
    // What an operation owes its caller: the promise settled once, then `done` to let the
    // queue run the space's next operation.
    template <typename T>
    struct Completion
    {
        PromisePtr<T> promise;
        Done done;
        void operator()(Result<T> result) const;
    };
    // Objects to an operation on a space in its current state, or says nothing.
    using Refusal = std::function<std::optional<Error>(const Space&)>;

    QFuture<Result<Space>> enqueueSpaceOperation(const QString& id,
                                                 std::function<void(PromisePtr<Space>, Done)> operation);

    void startNow(const QString& id, PromisePtr<Space> promise, Done done);
    void stopNow(const QString& id, PromisePtr<Space> promise, Done done);
    void removeNow(const QString& id, std::shared_ptr<QPromise<VoidResult>> promise, Done done);

    void startWithClient(std::shared_ptr<StartRun> run);
    void prepareVolumes(std::shared_ptr<StartRun> run);
    void prepareImage(std::shared_ptr<StartRun> run);
    void pullImage(std::shared_ptr<StartRun> run);
    void createContainer(std::shared_ptr<StartRun> run);
    void failStart(std::shared_ptr<StartRun> run, const Error& error);

    // Removes every container labelled with the space (stopping first when graceful).
    void
    removeContainers(EngineClient* client, const QString& spaceId, bool graceful, std::function<void(VoidResult)> then);

    // The opening every operation shares: loads the space; when it is missing or `refusal`
    // objects, finishes the operation with that error and returns nothing.
    template <typename T>
    std::optional<Space> admit(const QString& id, const Completion<T>& finish, const Refusal& refusal = {});
    // Marks the space Failed with the error and finishes the operation with it.
    template <typename T>
    std::function<void(const Error&)> failing(const QString& id, Completion<T> finish);

    Result<Space> setState(const QString& id, SpaceState state, const QString& error = {});
    Space decorate(Space space) const;
    void emitChanged(const QString& id);

    Database& m_db;
    EngineManager& m_engines;
    SpaceOperationQueue* m_queue = nullptr;
    UserInfo m_user;
    QString m_instanceId;
    int m_graceSeconds = 10;
};

} // namespace Knot
