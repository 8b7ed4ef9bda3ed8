#include "core/engine/dockerclient.h"
#include "core/space/enginemanager.h"
#include "core/space/reconciler.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "core/template/templatehash.h"
#include "testutils.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Knot;

namespace {

constexpr int EngineTimeoutMs = 120000;

// Waits (spinning the event loop) for an engine call or service operation to finish.
template <typename R>
R await(QFuture<R> future)
{
    if (!QTest::qWaitFor([&]() { return future.isFinished(); }, EngineTimeoutMs)) {
        return R(Error {Error::Kind::Timeout, QStringLiteral("timed out waiting for the operation"), {}});
    }
    if (future.isCanceled() || future.resultCount() == 0) {
        return R(Error::cancelled());
    }
    return future.result();
}

QString unique(const QString& prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

} // namespace

class TestSpaceLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.emplace().isValid());
        auto db = Database::open(m_dir->filePath(QStringLiteral("knot.db")));
        QVERIFY_RESULT(db);
        m_db = std::move(db.value());
        m_endpoint = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        m_image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));
        QVERIFY2(!m_endpoint.isEmpty(), "KNOT_TEST_ENDPOINT is not set");
        QVERIFY_RESULT(EngineStore(*m_db).add({{}, QStringLiteral("test"), m_endpoint, {}, true}));
        m_engines.emplace(*m_db);
        m_service.emplace(*m_db, *m_engines);
        m_service->setStopGraceSeconds(1);
        auto endpoint = EngineEndpoint::parse(m_endpoint);
        QVERIFY_RESULT(endpoint);
        m_client.emplace(*endpoint);
    }

    void cleanup()
    {
        // Whatever a failed test left behind in the engine: everything of this instance.
        if (m_service && m_client) {
            const QString filter = SpaceLabels::instanceFilter(m_service->instanceId());
            if (const auto containers = await(m_client->listContainers(filter))) {
                for (const auto& container : *containers) {
                    (void)await(m_client->removeContainer(container.id, true, false));
                }
            }
            if (const auto volumes = await(m_client->listVolumes(filter))) {
                for (const auto& volume : *volumes) {
                    (void)await(m_client->removeVolume(volume.name, true));
                }
            }
        }
        m_reconciler.reset();
        m_service.reset();
        m_engines.reset();
        m_client.reset();
        m_db.reset();
        m_dir.reset();
    }

    void fullLifecycle()
    {
        const Template tmpl = addTemplate(job(), volumes({QStringLiteral("data")}, true));
        auto created = await(m_service->create(draft(tmpl), false));
        QVERIFY_RESULT(created);
        QCOMPARE(created->state, SpaceState::Stopped);
        const QString id = created->id;

        auto running = await(m_service->start(id));
        QVERIFY_RESULT(running);
        QCOMPARE(running->state, SpaceState::Running);
        QVERIFY(!running->containerId.isEmpty());
        QVERIFY(running->everStarted);
        QCOMPARE(running->startedHash, TemplateHash::compute(tmpl));
        auto container = await(m_client->inspectContainer(running->containerId));
        QVERIFY_RESULT(container);
        QVERIFY(container->state.running);
        QCOMPARE(container->labels.value(SpaceLabels::SpaceId), id);
        QCOMPARE(container->labels.value(SpaceLabels::TemplateHash), TemplateHash::compute(tmpl));
        QCOMPARE(container->labels.value(SpaceLabels::Instance), m_service->instanceId());
        QVERIFY(volumeExists(id + QStringLiteral("-data")));
        QVERIFY(QFileInfo::exists(managedPath(*running)));

        // Not deletable while running.
        const auto refused = await(m_service->remove(id));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);

        auto stopped = await(m_service->stop(id));
        QVERIFY_RESULT(stopped);
        QCOMPARE(stopped->state, SpaceState::Stopped);
        QVERIFY(stopped->containerId.isEmpty());
        QCOMPARE(containersOf(id), 0);
        QVERIFY(volumeExists(id + QStringLiteral("-data")));
        QVERIFY(QFileInfo::exists(managedPath(*stopped)));

        running = await(m_service->start(id));
        QVERIFY_RESULT(running);
        QCOMPARE(running->state, SpaceState::Running);
        QCOMPARE(containersOf(id), 1);
        QVERIFY_RESULT(await(m_service->stop(id)));

        QSignalSpy removed(m_service.operator->(), &SpaceService::spaceRemoved);
        const QString path = managedPath(*running);
        QVERIFY_RESULT(await(m_service->remove(id)));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!volumeExists(id + QStringLiteral("-data")));
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(SpaceStore(*m_db).get(id).error().kind, Error::Kind::NotFound);
        QCOMPARE(containersOf(id), 0);
    }

    void volumesFollowTheTemplate()
    {
        Template tmpl = addTemplate(job(), volumes({QStringLiteral("a"), QStringLiteral("b")}, false));
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        QCOMPARE(space->state, SpaceState::Running);
        QVERIFY(volumeExists(space->id + QStringLiteral("-a")));
        QVERIFY(volumeExists(space->id + QStringLiteral("-b")));
        QVERIFY_RESULT(await(m_service->stop(space->id)));

        tmpl.volumes = volumes({QStringLiteral("a"), QStringLiteral("c")}, false);
        QVERIFY_RESULT(TemplateStore(*m_db).update(tmpl));
        QVERIFY_RESULT(await(m_service->start(space->id)));
        QVERIFY(volumeExists(space->id + QStringLiteral("-a")));
        QVERIFY(!volumeExists(space->id + QStringLiteral("-b")));
        QVERIFY(volumeExists(space->id + QStringLiteral("-c")));
        QVERIFY_RESULT(await(m_service->stop(space->id)));
        QVERIFY_RESULT(await(m_service->remove(space->id)));
        QVERIFY(!volumeExists(space->id + QStringLiteral("-a")));
        QVERIFY(!volumeExists(space->id + QStringLiteral("-c")));
    }

    void updateAvailableAppliedByRestart()
    {
        Template tmpl = addTemplate(job(), {});
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        QVERIFY(!space->updateAvailable);
        QVERIFY(!m_service->isUpdateAvailable(*space));

        tmpl.job = job(QStringLiteral("environment: [\"EDITED=1\"]\n"));
        QVERIFY_RESULT(TemplateStore(*m_db).update(tmpl));
        auto current = m_service->get(space->id);
        QVERIFY_RESULT(current);
        QVERIFY(current->updateAvailable);
        const auto listed = m_service->list();
        QVERIFY_RESULT(listed);
        QVERIFY(listed->first().updateAvailable);

        auto restarted = await(m_service->restart(space->id));
        QVERIFY_RESULT(restarted);
        QCOMPARE(restarted->state, SpaceState::Running);
        QVERIFY(!restarted->updateAvailable);
        QVERIFY(restarted->containerId != space->containerId);
        const auto container = await(m_client->inspectContainer(restarted->containerId));
        QVERIFY_RESULT(container);
        QCOMPARE(container->labels.value(SpaceLabels::TemplateHash), TemplateHash::compute(tmpl));
        QVERIFY_RESULT(await(m_service->stop(space->id)));
        QVERIFY_RESULT(await(m_service->remove(space->id)));
    }

    void missingImageFailsWithMessage()
    {
        Template tmpl = addTemplate(job(), {});
        tmpl.job.replace(m_image, QStringLiteral("localhost/knot-no-such-image:missing"));
        QVERIFY_RESULT(TemplateStore(*m_db).update(tmpl));
        auto space = await(m_service->create(draft(tmpl), false));
        QVERIFY_RESULT(space);
        const auto started = await(m_service->start(space->id));
        QVERIFY(!started);
        const auto failed = m_service->get(space->id);
        QVERIFY_RESULT(failed);
        QCOMPARE(failed->state, SpaceState::Failed);
        QVERIFY2(failed->lastError.contains(QStringLiteral("knot-no-such-image")), qPrintable(failed->lastError));
        QVERIFY(failed->containerId.isEmpty());
        QCOMPARE(containersOf(space->id), 0);
        // Failed spaces can be deleted.
        QVERIFY_RESULT(await(m_service->remove(space->id)));
    }

    void templateErrorFailsWithLine()
    {
        const Template tmpl = addTemplate(job(QStringLiteral("ports: [\"notaport\"]\n")), {});
        auto space = await(m_service->create(draft(tmpl), false));
        QVERIFY_RESULT(space);
        QVERIFY(!await(m_service->start(space->id)));
        const auto failed = m_service->get(space->id);
        QCOMPARE(failed->state, SpaceState::Failed);
        QVERIFY2(failed->lastError.contains(QStringLiteral("line 3")), qPrintable(failed->lastError));
    }

    void manualTemplateCannotStart()
    {
        Template tmpl = addTemplate({}, {});
        tmpl.platform = Platform::Manual;
        QVERIFY_RESULT(TemplateStore(*m_db).update(tmpl));
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        QCOMPARE(space->state, SpaceState::Stopped);
        const auto started = await(m_service->start(space->id));
        QVERIFY(!started);
        QCOMPARE(started.error().kind, Error::Kind::Conflict);
    }

    void createValidates()
    {
        Template tmpl = addTemplate(job(), {});
        tmpl.customFields = {{QStringLiteral("project"), {}}};
        QVERIFY_RESULT(TemplateStore(*m_db).update(tmpl));
        Space bad = draft(tmpl);
        bad.name = QStringLiteral("a--b");
        auto refused = await(m_service->create(bad, false));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::Invalid);

        Space unknownField = draft(tmpl);
        unknownField.customFields.insert(QStringLiteral("nope"), QStringLiteral("x"));
        refused = await(m_service->create(unknownField, false));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("nope")), qPrintable(refused.error().message));

        Space good = draft(tmpl);
        good.customFields.insert(QStringLiteral("project"), QStringLiteral("x"));
        QVERIFY_RESULT(await(m_service->create(good, false)));
        Space taken = draft(tmpl);
        taken.name = good.name.toUpper();
        refused = await(m_service->create(taken, false));
        QVERIFY(!refused);
    }

    void editIsSavedAtOnce()
    {
        const Template tmpl = addTemplate(job(), {});
        auto space = await(m_service->create(draft(tmpl), false));
        QVERIFY_RESULT(space);
        Space edited = *space;
        edited.description = QStringLiteral("changed");
        edited.shell = QStringLiteral("sh");
        edited.state = SpaceState::Running; // not the caller's to change
        auto saved = await(m_service->edit(edited));
        QVERIFY_RESULT(saved);
        QCOMPARE(saved->description, QStringLiteral("changed"));
        QCOMPARE(saved->state, SpaceState::Stopped);
        QCOMPARE(SpaceStore(*m_db).get(space->id)->shell, QStringLiteral("sh"));
        edited.name = QStringLiteral("-bad");
        QVERIFY(!await(m_service->edit(edited)));
    }

    void operationsOnOneSpaceAreSerialized()
    {
        const Template tmpl = addTemplate(job(), {});
        auto a = await(m_service->create(draft(tmpl), false));
        auto b = await(m_service->create(draft(tmpl), false));
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QList<SpaceState> statesOfA;
        connect(m_service.operator->(), &SpaceService::spaceChanged, this, [&](const Space& space) {
            if (space.id == a->id) {
                statesOfA << space.state;
            }
        });
        // Queued back to back: stop must wait for start, and b starts alongside a.
        auto startA = m_service->start(a->id);
        auto stopA = m_service->stop(a->id);
        auto startB = m_service->start(b->id);
        QVERIFY(m_service->isBusy(a->id));
        QVERIFY_RESULT(await(startA));
        QVERIFY_RESULT(await(startB));
        QVERIFY_RESULT(await(stopA));
        QCOMPARE(
            statesOfA,
            (QList<SpaceState> {SpaceState::Starting, SpaceState::Running, SpaceState::Stopping, SpaceState::Stopped}));
        QCOMPARE(m_service->get(b->id)->state, SpaceState::Running);
        QVERIFY_RESULT(await(m_service->stop(b->id)));
    }

    void containerStoppedOutsideBecomesStopped()
    {
        m_reconciler.emplace(*m_service, *m_engines);
        m_reconciler->watchAllEngines();
        const Template tmpl = addTemplate(job(), {});
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        QCOMPARE(space->state, SpaceState::Running);
        QTest::qWait(200); // the event stream connects
        QVERIFY_RESULT(await(m_client->stopContainer(space->containerId, 0)));
        QTRY_COMPARE_WITH_TIMEOUT(m_service->get(space->id)->state, SpaceState::Stopped, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(containersOf(space->id), 0, 30000);
    }

    void containerFailingOnItsOwnBecomesFailed()
    {
        m_reconciler.emplace(*m_service, *m_engines);
        m_reconciler->watchAllEngines();
        const Template tmpl =
            addTemplate(QStringLiteral("image: %1\ncommand: [\"sh\", \"-c\", \"sleep 2; exit 3\"]\n").arg(m_image), {});
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        QTRY_COMPARE_WITH_TIMEOUT(m_service->get(space->id)->state, SpaceState::Failed, 30000);
        QVERIFY2(m_service->get(space->id)->lastError.contains(QStringLiteral("code 3")),
                 qPrintable(m_service->get(space->id)->lastError));
    }

private:
    QString job(const QString& extra = {}) const
    {
        return QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\n").arg(m_image) + extra;
    }

    QString volumes(const QStringList& names, bool withPath) const
    {
        QString text = QStringLiteral("volumes:\n");
        for (const auto& name : names) {
            text += QStringLiteral("  ${{ .space.id }}-%1:\n").arg(name);
        }
        if (withPath) {
            text += QStringLiteral("paths:\n  - %1/managed-${{ .space.name }}\n").arg(m_dir->path());
        }
        return text;
    }

    QString managedPath(const Space& space) const { return m_dir->path() + QStringLiteral("/managed-") + space.name; }

    Template addTemplate(const QString& jobText, const QString& volumesText)
    {
        Template tmpl;
        tmpl.name = unique(QStringLiteral("tmpl"));
        tmpl.job = jobText;
        tmpl.volumes = volumesText;
        auto stored = TemplateStore(*m_db).insert(tmpl);
        if (!stored) {
            qWarning() << stored.error().toString();
            return tmpl;
        }
        return *stored;
    }

    Space draft(const Template& tmpl) const
    {
        Space space;
        space.name = unique(QStringLiteral("lc"));
        space.templateId = tmpl.id;
        return space;
    }

    bool volumeExists(const QString& name)
    {
        const auto volumes = await(m_client->listVolumes(SpaceLabels::instanceFilter(m_service->instanceId())));
        return volumes && std::any_of(volumes->cbegin(), volumes->cend(), [&](const VolumeInfo& volume) {
                   return volume.name == name;
               });
    }

    int containersOf(const QString& spaceId)
    {
        const auto containers = await(m_client->listContainers(SpaceLabels::SpaceId + u'=' + spaceId));
        return containers ? int(containers->size()) : -1;
    }

    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::optional<EngineManager> m_engines;
    std::optional<SpaceService> m_service;
    std::optional<Reconciler> m_reconciler;
    std::optional<DockerClient> m_client;
    QString m_endpoint;
    QString m_image;
};

QTEST_GUILESS_MAIN(TestSpaceLifecycle)
#include "tst_spacelifecycle.moc"
