#include "core/space/spaceservice.h"

#include "core/engine/containerrequestbuilder.h"
#include "core/engine/engineclient.h"
#include "core/engine/enginejob.h"
#include "core/logging.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceoperationqueue.h"
#include "core/store/database.h"
#include "core/store/settingsstore.h"
#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "core/store/variablestore.h"
#include "core/template/spacenamevalidator.h"
#include "core/template/templatehash.h"
#include "core/template/templateresolver.h"

#include <QDir>
#include <QFileInfo>
#include <QFuture>

namespace Knot {

namespace {

const QString InstanceKey = QStringLiteral("instanceId");

bool isNotFound(const Error& error)
{
    return error.kind == Error::Kind::NotFound || error.httpStatus == 404;
}

// Runs the steps one after the other and stops at the first error.
void runSteps(QList<std::function<QFuture<VoidResult>()>> steps, QObject* context, std::function<void(VoidResult)> then)
{
    if (steps.isEmpty()) {
        then({});
        return;
    }
    auto step = steps.takeFirst();
    onFinished(step(), context, [steps, context, then](VoidResult result) {
        if (!result) {
            then(result);
            return;
        }
        runSteps(steps, context, then);
    });
}

// A template that does not resolve or parse: the first error (with its line) as the message,
// all of them as the detail.
Error templateError(const Diagnostics& diagnostics)
{
    QStringList lines;
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.isError()) {
            lines << diagnostic.toString();
        }
    }
    return Error::invalid(QStringLiteral("Invalid template: %1").arg(lines.value(0)), lines.join(u'\n'));
}

} // namespace

struct SpaceService::StartRun
{
    Space space;
    Template tmpl;
    EngineClient* client = nullptr;
    ContainerSpec spec;
    VolumeDefinition volumes;
    QString hash;
    QString containerId;
    Completion<Space> finish;
};

SpaceService::SpaceService(Database& db, EngineManager& engines, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_engines(engines)
    , m_queue(new SpaceOperationQueue(this))
    , m_user(UserInfo::fromSystem())
{
    SettingsStore settings(m_db);
    const auto stored = settings.value(InstanceKey);
    if (stored && stored->has_value()) {
        m_instanceId = **stored;
    } else {
        m_instanceId = Database::newId();
        if (const auto saved = settings.setText(InstanceKey, m_instanceId); !saved) {
            qCWarning(lcSpace) << "Cannot save the instance id:" << saved.error().toString();
        }
    }
}

SpaceService::~SpaceService() = default;

Space SpaceService::decorate(Space space) const
{
    space.updateAvailable = isUpdateAvailable(space);
    return space;
}

Result<QList<Space>> SpaceService::list() const
{
    auto spaces = SpaceStore(m_db).list();
    if (!spaces) {
        return spaces.error();
    }
    const auto templates = TemplateStore(m_db).list();
    QHash<QString, QString> hashes;
    if (templates) {
        for (const auto& tmpl : *templates) {
            hashes.insert(tmpl.id, TemplateHash::compute(tmpl));
        }
    }
    for (auto& space : *spaces) {
        space.updateAvailable = space.state == SpaceState::Running && !space.startedHash.isEmpty()
                                && hashes.value(space.templateId, space.startedHash) != space.startedHash;
    }
    return spaces;
}

Result<Space> SpaceService::get(const QString& id) const
{
    auto space = SpaceStore(m_db).get(id);
    if (!space) {
        return space.error();
    }
    return decorate(*space);
}

Result<Space> SpaceService::find(const QString& idOrName) const
{
    SpaceStore store(m_db);
    auto space = store.getByName(idOrName);
    if (!space && space.error().kind == Error::Kind::NotFound) {
        space = store.get(idOrName);
        if (!space && space.error().kind == Error::Kind::NotFound) {
            return Error::notFound(QStringLiteral("No space named '%1'").arg(idOrName));
        }
    }
    if (!space) {
        return space.error();
    }
    return decorate(*space);
}

bool SpaceService::isUpdateAvailable(const Space& space) const
{
    if (space.state != SpaceState::Running || space.startedHash.isEmpty()) {
        return false;
    }
    const auto tmpl = TemplateStore(m_db).get(space.templateId);
    return tmpl && TemplateHash::compute(*tmpl) != space.startedHash;
}

bool SpaceService::isBusy(const QString& id) const
{
    return m_queue->isBusy(id);
}

Result<Space> SpaceService::setState(const QString& id, SpaceState state, const QString& error)
{
    SpaceStore store(m_db);
    if (const auto saved = store.setState(id, state, error); !saved) {
        return saved.error();
    }
    auto space = store.get(id);
    if (!space) {
        return space.error();
    }
    const Space decorated = decorate(*space);
    Q_EMIT spaceChanged(decorated);
    return decorated;
}

void SpaceService::emitChanged(const QString& id)
{
    if (const auto space = get(id)) {
        Q_EMIT spaceChanged(*space);
    }
}

QFuture<Result<Space>> SpaceService::enqueueSpaceOperation(const QString& id,
                                                           std::function<void(PromisePtr<Space>, Done)> operation)
{
    auto promise = std::make_shared<QPromise<Result<Space>>>();
    promise->start();
    auto future = promise->future();
    m_queue->enqueue(id, [promise, operation = std::move(operation)](Done done) { operation(promise, done); });
    return future;
}

template <typename T>
void SpaceService::Completion<T>::operator()(Result<T> result) const
{
    promise->addResult(std::move(result));
    promise->finish();
    done();
}

template <typename T>
std::optional<Space> SpaceService::admit(const QString& id, const Completion<T>& finish, const Refusal& refusal)
{
    auto space = SpaceStore(m_db).get(id);
    if (!space) {
        finish(space.error());
        return std::nullopt;
    }
    if (refusal) {
        if (auto refused = refusal(*space)) {
            finish(std::move(*refused));
            return std::nullopt;
        }
    }
    return std::move(*space);
}

template <typename T>
std::function<void(const Error&)> SpaceService::failing(const QString& id, Completion<T> finish)
{
    return [this, id, finish = std::move(finish)](const Error& error) {
        (void)setState(id, SpaceState::Failed, error.message);
        finish(error);
    };
}

namespace {
std::optional<Error> refuseWhileDeleting(const Space& space)
{
    if (space.state == SpaceState::Deleting) {
        return Error::conflict(QStringLiteral("Space '%1' is being deleted").arg(space.name));
    }
    return std::nullopt;
}

std::optional<Error> refuseUnlessStopped(const Space& space)
{
    if (space.state != SpaceState::Stopped && space.state != SpaceState::Failed
        && space.state != SpaceState::Deleting) {
        return Error::conflict(
            QStringLiteral("Space '%1' is %2: stop it before deleting it").arg(space.name, toText(space.state)));
    }
    return std::nullopt;
}
} // namespace

QFuture<Result<Space>> SpaceService::create(Space draft, bool start)
{
    const auto fail = [](const Error& error) { return QtFuture::makeReadyFuture(Result<Space>(error)); };
    const auto tmpl = TemplateStore(m_db).get(draft.templateId);
    if (!tmpl) {
        return fail(tmpl.error());
    }
    const auto spaces = SpaceStore(m_db).list();
    if (!spaces) {
        return fail(spaces.error());
    }
    if (draft.shell.isEmpty()) {
        draft.shell = SettingsStore(m_db).defaultShell().valueOr(QStringLiteral("bash"));
    }
    const Diagnostics problems = SpaceNameValidator(*spaces).validate(draft, *tmpl);
    if (hasErrors(problems)) {
        QStringList messages;
        for (const auto& problem : problems) {
            messages << problem.message;
        }
        return fail(Error::invalid(messages.first(), messages.join(u'\n')));
    }
    for (auto it = draft.customFields.cbegin(); it != draft.customFields.cend(); ++it) {
        const bool declared = std::any_of(tmpl->customFields.cbegin(),
                                          tmpl->customFields.cend(),
                                          [&](const CustomField& field) { return field.name == it.key(); });
        if (!declared) {
            return fail(
                Error::invalid(QStringLiteral("Template '%1' has no custom field '%2'").arg(tmpl->name, it.key())));
        }
    }
    // What the engine decides is not the caller's to set.
    draft.id.clear();
    draft.state = SpaceState::Stopped;
    draft.lastError.clear();
    draft.containerId.clear();
    draft.startedHash.clear();
    draft.everStarted = false;
    draft.volumeRecords.clear();
    auto stored = SpaceStore(m_db).insert(draft);
    if (!stored) {
        return fail(stored.error());
    }
    const Space created = decorate(*stored);
    Q_EMIT spaceAdded(created);
    if (!start || tmpl->isManual()) {
        return QtFuture::makeReadyFuture(Result<Space>(created));
    }
    return this->start(created.id);
}

QFuture<Result<Space>> SpaceService::start(const QString& id)
{
    return enqueueSpaceOperation(id, [this, id](PromisePtr<Space> promise, Done done) { startNow(id, promise, done); });
}

QFuture<Result<Space>> SpaceService::stop(const QString& id)
{
    return enqueueSpaceOperation(id, [this, id](PromisePtr<Space> promise, Done done) { stopNow(id, promise, done); });
}

QFuture<Result<Space>> SpaceService::restart(const QString& id)
{
    return enqueueSpaceOperation(id, [this, id](PromisePtr<Space> promise, Done done) {
        auto stopped = std::make_shared<QPromise<Result<Space>>>();
        stopped->start();
        onFinished(
            stopped->future(), this, [this, id, finish = Completion<Space> {promise, done}](Result<Space> result) {
                if (!result) {
                    return finish(result);
                }
                startNow(id, finish.promise, finish.done);
            });
        stopNow(id, stopped, [] {});
    });
}

QFuture<Result<Space>> SpaceService::edit(const Space& edited)
{
    return enqueueSpaceOperation(edited.id, [this, edited](PromisePtr<Space> promise, Done done) {
        const Completion<Space> finish {promise, done};
        const auto current = admit(edited.id, finish);
        if (!current) {
            return;
        }
        SpaceStore store(m_db);
        const auto tmpl = TemplateStore(m_db).get(current->templateId);
        const auto spaces = store.list();
        if (!tmpl || !spaces) {
            return finish(!tmpl ? tmpl.error() : spaces.error());
        }
        Space updated = *current;
        updated.name = edited.name;
        updated.description = edited.description;
        updated.icon = edited.icon;
        updated.additionalNames = edited.additionalNames;
        updated.shell = edited.shell;
        updated.customFields = edited.customFields;
        const Diagnostics problems = SpaceNameValidator(*spaces).validate(updated, *tmpl);
        if (hasErrors(problems)) {
            return finish(Error::invalid(problems.first().message));
        }
        if (const auto saved = store.update(updated); !saved) {
            return finish(saved.error());
        }
        const auto result = get(updated.id);
        if (result) {
            Q_EMIT spaceChanged(*result);
        }
        finish(result);
    });
}

QFuture<VoidResult> SpaceService::remove(const QString& id)
{
    auto promise = std::make_shared<QPromise<VoidResult>>();
    promise->start();
    auto future = promise->future();
    m_queue->enqueue(id, [this, id, promise](Done done) { removeNow(id, promise, done); });
    return future;
}

void SpaceService::applyObserved(const QString& id, SpaceState state, const QString& containerId, const QString& error)
{
    if (isBusy(id)) {
        return;
    }
    SpaceStore store(m_db);
    const auto space = store.get(id);
    if (!space) {
        return;
    }
    if (space->state == state && space->containerId == containerId && space->lastError == error) {
        return;
    }
    qCInfo(lcSpace) << "Space" << space->name << "observed" << toText(state) << error;
    if (space->containerId != containerId) {
        if (const auto saved = store.setContainer(id, containerId, space->startedHash); !saved) {
            qCWarning(lcSpace) << saved.error().toString();
            return;
        }
    }
    if (const auto saved = store.setState(id, state, error); !saved) {
        qCWarning(lcSpace) << saved.error().toString();
        return;
    }
    emitChanged(id);
}

bool SpaceService::isSafeToDelete(const QString& path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (path.isEmpty() || !QDir::isAbsolutePath(path) || clean == u"/") {
        return false;
    }
    for (const QString& protectedDir : {QDir::homePath(), QDir::currentPath()}) {
        const QString guarded = QDir::cleanPath(protectedDir);
        if (clean == guarded || guarded.startsWith(clean + u'/')) {
            return false;
        }
    }
    return true;
}

// --- start ---------------------------------------------------------------------------------

void SpaceService::startNow(const QString& id, PromisePtr<Space> promise, Done done)
{
    const Completion<Space> finishWith {promise, done};
    const auto space = admit(id, finishWith, refuseWhileDeleting);
    if (!space) {
        return;
    }
    if (space->state == SpaceState::Running) {
        return finishWith(decorate(*space));
    }
    const auto tmpl = TemplateStore(m_db).get(space->templateId);
    if (!tmpl) {
        return finishWith(tmpl.error());
    }
    if (tmpl->isManual()) {
        return finishWith(
            Error::conflict(QStringLiteral("Space '%1' uses the manual template '%2', which cannot be started")
                                .arg(space->name, tmpl->name)));
    }
    const auto starting = setState(id, SpaceState::Starting);
    if (!starting) {
        return finishWith(starting.error());
    }
    auto run = std::make_shared<StartRun>();
    run->space = *starting;
    run->tmpl = *tmpl;
    run->hash = TemplateHash::compute(*tmpl);
    run->finish = finishWith;

    // Resolve and parse before touching the engine: a template error needs no engine.
    QMap<QString, QString> variables;
    if (const auto stored = VariableStore(m_db).list()) {
        for (const auto& variable : *stored) {
            variables.insert(variable.name, variable.value);
        }
    }
    const VariableContext context(run->tmpl, run->space, m_user, variables);
    const auto resolved = TemplateResolver::resolve(run->tmpl, context);
    if (!resolved.ok()) {
        return failStart(run, templateError(resolved.diagnostics));
    }
    run->spec = resolved.value.spec;
    run->volumes = resolved.value.volumes;

    onFinished(m_engines.clientFor(run->space.engineId), this, [this, run](Result<EngineClient*> client) {
        if (!client) {
            return failStart(run, client.error());
        }
        run->client = *client;
        startWithClient(run);
    });
}

void SpaceService::startWithClient(std::shared_ptr<StartRun> run)
{
    // A container left over by an interrupted start or stop would hold the name.
    removeContainers(run->client, run->space.id, false, [this, run](VoidResult removed) {
        if (!removed) {
            return failStart(run, removed.error());
        }
        prepareVolumes(run);
    });
}

void SpaceService::prepareVolumes(std::shared_ptr<StartRun> run)
{
    QSet<QString> declared;
    for (const auto& volume : run->volumes.volumes) {
        declared.insert(volume.name);
    }
    QList<std::function<QFuture<VoidResult>()>> steps;
    QList<VolumeRecord> records;
    EngineClient* client = run->client;
    for (const auto& record : run->space.volumeRecords) {
        if (record.kind == VolumeRecord::Kind::Volume && !declared.contains(record.name)) {
            // The template dropped it: its data goes with it.
            steps << [client, name = record.name]() { return client->removeVolume(name, true); };
        } else if (record.kind == VolumeRecord::Kind::Path) {
            records << record;
        }
    }
    const Labels labels {{SpaceLabels::SpaceId, run->space.id}, {SpaceLabels::Instance, m_instanceId}};
    for (const auto& volume : run->volumes.volumes) {
        records << VolumeRecord {VolumeRecord::Kind::Volume, volume.name};
        steps << [this, client, name = volume.name, labels]() {
            // An existing volume (kept from the last start, or shared) is fine.
            return succeedUnless(
                client->createVolume(name, labels), this, [](const Error& error) { return error.httpStatus == 409; });
        };
    }
    for (const auto& path : run->volumes.paths) {
        if (!QDir().mkpath(path)) {
            return failStart(run, Error::io(QStringLiteral("Cannot create the managed path %1").arg(path)));
        }
        const VolumeRecord record {VolumeRecord::Kind::Path, path};
        if (!records.contains(record)) {
            records << record;
        }
    }
    runSteps(steps, this, [this, run, records](VoidResult done) {
        if (!done) {
            return failStart(run, done.error());
        }
        auto current = SpaceStore(m_db).get(run->space.id);
        if (!current) {
            return failStart(run, current.error());
        }
        current->volumeRecords = records;
        if (const auto saved = SpaceStore(m_db).update(*current); !saved) {
            return failStart(run, saved.error());
        }
        run->space = *current;
        prepareImage(run);
    });
}

void SpaceService::prepareImage(std::shared_ptr<StartRun> run)
{
    if (run->tmpl.pullPolicy == PullPolicy::Always) {
        return pullImage(run);
    }
    onFinished(run->client->inspectImage(run->spec.image), this, [this, run](Result<ImageInfo> image) {
        if (image) {
            return createContainer(run);
        }
        if (!isNotFound(image.error())) {
            return failStart(run, image.error());
        }
        if (run->tmpl.pullPolicy == PullPolicy::Never) {
            return failStart(run,
                             Error::notFound(QStringLiteral("Image %1 is not on the engine and the template's pull "
                                                            "policy is 'never'")
                                                 .arg(run->spec.image)));
        }
        pullImage(run);
    });
}

void SpaceService::pullImage(std::shared_ptr<StartRun> run)
{
    const QString id = run->space.id;
    Q_EMIT progress(id, 0, QStringLiteral("Pulling %1").arg(run->spec.image));
    const QByteArray auth = run->spec.auth ? ContainerRequestBuilder::registryAuth(*run->spec.auth) : QByteArray();
    EngineJob* job = run->client->pullImage(run->spec.image, auth, this);
    connect(job, &EngineJob::progress, this, [this, id](int percent, const QString& text) {
        Q_EMIT progress(id, percent, text);
    });
    connect(job, &EngineJob::finished, this, [this, run, job]() {
        job->deleteLater();
        if (!job->result()) {
            Error error = job->result().error();
            error.message = QStringLiteral("Cannot pull image %1: %2").arg(run->spec.image, error.message);
            return failStart(run, error);
        }
        Q_EMIT progress(run->space.id, 100, QStringLiteral("Pulled %1").arg(run->spec.image));
        createContainer(run);
    });
}

void SpaceService::createContainer(std::shared_ptr<StartRun> run)
{
    const QString api = run->client->apiVersion();
    if (api.isEmpty()) {
        // Normally negotiated by the calls before; ask once if not.
        onFinished(run->client->version(), this, [this, run](Result<EngineVersion> version) {
            if (!version) {
                return failStart(run, version.error());
            }
            createContainer(run);
        });
        return;
    }
    const Labels labels {{SpaceLabels::SpaceId, run->space.id},
                         {SpaceLabels::TemplateHash, run->hash},
                         {SpaceLabels::Instance, m_instanceId}};
    // knot's defaults for what the template leaves open.
    ContainerSpec spec = run->spec;
    if (spec.containerName.isEmpty()) {
        spec.containerName =
            m_user.username.isEmpty() ? run->space.name : QString(m_user.username + u'-' + run->space.name);
    }
    if (spec.hostname.isEmpty()) {
        spec.hostname = run->space.id;
    }
    // Host paths are the engine's machine's: ours only when the engine runs here.
    const auto request = ContainerRequestBuilder(run->client->endpoint().isLocal() ? QDir::homePath() : QString())
                             .build(spec, labels, api);
    if (!request) {
        return failStart(run, request.error());
    }
    onFinished(run->client->createContainer(request->name, request->body), this, [this, run](Result<QString> created) {
        if (!created) {
            return failStart(run, created.error());
        }
        run->containerId = *created;
        // Recorded before it starts so that a crash from here on leaves a trace besides the labels.
        if (const auto saved = SpaceStore(m_db).setContainer(run->space.id, run->containerId, run->space.startedHash);
            !saved) {
            return failStart(run, saved.error());
        }
        onFinished(run->client->startContainer(run->containerId), this, [this, run](VoidResult started) {
            if (!started) {
                return failStart(run, started.error());
            }
            SpaceStore store(m_db);
            const auto recorded = store.setContainer(run->space.id, run->containerId, run->hash);
            const auto marked = recorded ? store.markStarted(run->space.id, QDateTime::currentDateTimeUtc()) : recorded;
            if (!marked) {
                return failStart(run, marked.error());
            }
            auto running = setState(run->space.id, SpaceState::Running);
            run->finish(running);
        });
    });
}

void SpaceService::failStart(std::shared_ptr<StartRun> run, const Error& error)
{
    qCWarning(lcSpace) << "Start of" << run->space.name << "failed:" << error.toString();
    const auto finish = [this, run, error]() {
        (void)SpaceStore(m_db).setContainer(run->space.id, {}, run->space.startedHash);
        const QString text = error.message.isEmpty() ? error.toString() : error.message;
        (void)setState(run->space.id, SpaceState::Failed, text);
        run->finish(error);
    };
    if (!run->client || run->containerId.isEmpty()) {
        return finish();
    }
    // A half-created container must not outlive the failed start.
    onFinished(run->client->removeContainer(run->containerId, true, false), this, [finish](VoidResult) { finish(); });
}

// --- stop and remove -----------------------------------------------------------------------

void SpaceService::removeContainers(EngineClient* client,
                                    const QString& spaceId,
                                    bool graceful,
                                    std::function<void(VoidResult)> then)
{
    onFinished(client->listContainers(SpaceLabels::SpaceId + u'=' + spaceId),
               this,
               [this, client, graceful, then](Result<QList<ContainerInfo>> containers) {
                   if (!containers) {
                       return then(containers.error());
                   }
                   QList<std::function<QFuture<VoidResult>()>> steps;
                   for (const auto& container : *containers) {
                       const QString id = container.id;
                       if (graceful && container.state.running) {
                           steps << [this, client, id]() { return client->stopContainer(id, m_graceSeconds); };
                       }
                       steps << [this, client, id]() {
                           return succeedUnless(client->removeContainer(id, true, false), this, isNotFound);
                       };
                   }
                   runSteps(steps, this, then);
               });
}

void SpaceService::stopNow(const QString& id, PromisePtr<Space> promise, Done done)
{
    const Completion<Space> finishWith {promise, done};
    const auto space = admit(id, finishWith, refuseWhileDeleting);
    if (!space) {
        return;
    }
    if (const auto stopping = setState(id, SpaceState::Stopping); !stopping) {
        return finishWith(stopping.error());
    }
    const auto fail = failing(id, finishWith);
    onFinished(m_engines.clientFor(space->engineId), this, [this, id, fail, finishWith](Result<EngineClient*> client) {
        if (!client) {
            return fail(client.error());
        }
        removeContainers(*client, id, true, [this, id, fail, finishWith](VoidResult removed) {
            if (!removed) {
                return fail(removed.error());
            }
            if (const auto current = SpaceStore(m_db).get(id)) {
                (void)SpaceStore(m_db).setContainer(id, {}, current->startedHash);
            }
            finishWith(setState(id, SpaceState::Stopped));
        });
    });
}

void SpaceService::removeNow(const QString& id, std::shared_ptr<QPromise<VoidResult>> promise, Done done)
{
    const Completion<void> finishWith {promise, done};
    const auto space = admit(id, finishWith, refuseUnlessStopped);
    if (!space) {
        return;
    }
    if (const auto deleting = setState(id, SpaceState::Deleting); !deleting) {
        return finishWith(deleting.error());
    }
    const auto fail = failing(id, finishWith);
    const QList<VolumeRecord> records = space->volumeRecords;
    onFinished(
        m_engines.clientFor(space->engineId), this, [this, id, records, fail, finishWith](Result<EngineClient*> found) {
            if (!found) {
                return fail(found.error());
            }
            EngineClient* client = *found;
            removeContainers(client, id, false, [this, id, client, records, fail, finishWith](VoidResult removed) {
                if (!removed) {
                    return fail(removed.error());
                }
                QList<std::function<QFuture<VoidResult>()>> steps;
                for (const auto& record : records) {
                    if (record.kind == VolumeRecord::Kind::Volume) {
                        steps << [client, name = record.name]() { return client->removeVolume(name, true); };
                    }
                }
                runSteps(steps, this, [this, id, records, fail, finishWith](VoidResult volumesRemoved) {
                    if (!volumesRemoved) {
                        return fail(volumesRemoved.error());
                    }
                    for (const auto& record : records) {
                        if (record.kind != VolumeRecord::Kind::Path) {
                            continue;
                        }
                        if (!isSafeToDelete(record.name)) {
                            qCWarning(lcSpace) << "Not deleting protected managed path" << record.name;
                            continue;
                        }
                        if (QFileInfo::exists(record.name) && !QDir(record.name).removeRecursively()) {
                            return fail(
                                Error::io(QStringLiteral("Cannot delete the managed path %1").arg(record.name)));
                        }
                    }
                    if (const auto gone = SpaceStore(m_db).remove(id); !gone) {
                        return fail(gone.error());
                    }
                    Q_EMIT spaceRemoved(id);
                    finishWith({});
                });
            });
        });
}

} // namespace Knot
