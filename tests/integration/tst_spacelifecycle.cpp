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
#include "enginetestsupport.h"
#include "testutils.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Knot;

using KnotTest::await;
using KnotTest::EngineTimeoutMs;
using KnotTest::unique;

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
            KnotTest::removeLabelled(*m_client, SpaceLabels::instanceFilter(m_service->instanceId()));
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
        QCOMPARE(stateOf(b->id), toText(SpaceState::Running));
        QVERIFY_RESULT(await(m_service->stop(b->id)));
    }

    void containerStoppedOutsideBecomesStopped()
    {
        const auto space = startWatched();
        QVERIFY_RESULT(space);
        QCOMPARE(space->state, SpaceState::Running);
        QVERIFY_RESULT(await(m_client->stopContainer(space->containerId, 0)));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(space->id), toText(SpaceState::Stopped), 30000);
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
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(space->id), toText(SpaceState::Failed), 30000);
        QVERIFY2(m_service->get(space->id)->lastError.contains(QStringLiteral("code 3")),
                 qPrintable(m_service->get(space->id)->lastError));
    }

    // Every field of the container spec reaches the engine's container.
    void specReachesTheEngine()
    {
        QDir(m_dir->path()).mkpath(QStringLiteral("bind"));
        const int tcpPort = KnotTest::freePort();
        const int udpPort = KnotTest::freePort();
        const QString name = unique(QStringLiteral("knot-spec-"));
        const Template tmpl =
            addTemplate(QStringLiteral("image: %1\n"
                                       "container_name: %2\n"
                                       "hostname: spec-host\n"
                                       "command: [\"sleep\", \"3600\"]\n"
                                       "ports: [\"%3:8080\", \"%4:5353/udp\"]\n"
                                       "volumes: [\"${{ .space.id }}-v:/data\", \"%5/bind:/bind:ro\"]\n"
                                       "environment: [\"FOO=bar\", \"SPACE=${{ .space.name }}\"]\n"
                                       "cap_add: [CAP_NET_ADMIN]\n"
                                       "cap_drop: [CAP_MKNOD]\n"
                                       "dns: [\"10.0.0.53\"]\n"
                                       "dns_search: [example.test]\n"
                                       "add_host: [\"knothost:10.1.2.3\"]\n"
                                       "devices: [\"/dev/null:/dev/knotnull\"]\n"
                                       "memory: 256m\n"
                                       "cpus: 0.5\n")
                            .arg(m_image, name)
                            .arg(tcpPort)
                            .arg(udpPort)
                            .arg(m_dir->path()),
                        volumes({QStringLiteral("v")}, false));
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        QCOMPARE(space->state, SpaceState::Running);
        const auto container = await(m_client->inspectContainer(space->containerId));
        QVERIFY_RESULT(container);
        const QJsonObject config = container->raw.value(QStringLiteral("Config")).toObject();
        const QJsonObject host = container->raw.value(QStringLiteral("HostConfig")).toObject();

        QCOMPARE(container->name, name);
        QCOMPARE(config.value(QStringLiteral("Hostname")).toString(), QStringLiteral("spec-host"));
        QCOMPARE(container->labels.value(SpaceLabels::SpaceId), space->id);
        QCOMPARE(container->labels.value(SpaceLabels::Instance), m_service->instanceId());
        const QStringList env = strings(config.value(QStringLiteral("Env")));
        QVERIFY2(env.contains(QStringLiteral("FOO=bar")), qPrintable(env.join(u' ')));
        QVERIFY2(env.contains(QStringLiteral("SPACE=") + space->name), qPrintable(env.join(u' ')));
        QCOMPARE(strings(config.value(QStringLiteral("Cmd"))),
                 (QStringList {QStringLiteral("sleep"), QStringLiteral("3600")}));

        // Ports on 127.0.0.1 by default.
        QSet<QString> ports;
        for (const auto& port : container->ports) {
            ports.insert(QStringLiteral("%1:%2:%3/%4")
                             .arg(port.hostIp)
                             .arg(port.hostPort)
                             .arg(port.containerPort)
                             .arg(port.protocol));
        }
        QVERIFY2(ports.contains(QStringLiteral("127.0.0.1:%1:8080/tcp").arg(tcpPort)),
                 qPrintable(ports.values().join(u' ')));
        QVERIFY2(ports.contains(QStringLiteral("127.0.0.1:%1:5353/udp").arg(udpPort)),
                 qPrintable(ports.values().join(u' ')));

        // The named volume and the read-only bind.
        bool volumeMounted = false;
        bool bindMounted = false;
        for (const auto& value : container->raw.value(QStringLiteral("Mounts")).toArray()) {
            const QJsonObject mount = value.toObject();
            const QString destination = mount.value(QStringLiteral("Destination")).toString();
            if (destination == u"/data") {
                volumeMounted = mount.value(QStringLiteral("Name")).toString() == space->id + QStringLiteral("-v");
            } else if (destination == u"/bind") {
                bindMounted =
                    mount.value(QStringLiteral("Source")).toString() == m_dir->filePath(QStringLiteral("bind"))
                    && !mount.value(QStringLiteral("RW")).toBool();
            }
        }
        QVERIFY(volumeMounted);
        QVERIFY(bindMounted);

        QCOMPARE(host.value(QStringLiteral("Privileged")).toBool(), false);
        QVERIFY2(capabilities(host.value(QStringLiteral("CapAdd"))).contains(QStringLiteral("NET_ADMIN")),
                 qPrintable(capabilities(host.value(QStringLiteral("CapAdd"))).join(u' ')));
        QVERIFY2(capabilities(host.value(QStringLiteral("CapDrop"))).contains(QStringLiteral("MKNOD")),
                 qPrintable(capabilities(host.value(QStringLiteral("CapDrop"))).join(u' ')));
        QCOMPARE(strings(host.value(QStringLiteral("Dns"))), QStringList {QStringLiteral("10.0.0.53")});
        QCOMPARE(strings(host.value(QStringLiteral("DnsSearch"))), QStringList {QStringLiteral("example.test")});
        QVERIFY2(strings(host.value(QStringLiteral("ExtraHosts"))).contains(QStringLiteral("knothost:10.1.2.3")),
                 qPrintable(strings(host.value(QStringLiteral("ExtraHosts"))).join(u' ')));
        QCOMPARE(host.value(QStringLiteral("Memory")).toInteger(), qint64(256) * 1024 * 1024);
        QCOMPARE(host.value(QStringLiteral("NanoCpus")).toInteger(), qint64(500000000));
        bool deviceMapped = false;
        for (const auto& value : host.value(QStringLiteral("Devices")).toArray()) {
            deviceMapped = deviceMapped
                           || value.toObject().value(QStringLiteral("PathInContainer")).toString() == u"/dev/knotnull";
        }
        QVERIFY(deviceMapped);
        // What the container sees.
        const auto seen = await(m_client->exec(
            space->containerId,
            execOf(
                {QStringLiteral("sh"),
                 QStringLiteral("-c"),
                 QStringLiteral("hostname; echo $FOO; grep knothost /etc/hosts; test -c /dev/knotnull && echo dev")})));
        QVERIFY_RESULT(seen);
        const QString output = QString::fromUtf8(seen->standardOutput);
        QVERIFY2(output.contains(QStringLiteral("spec-host")) && output.contains(QStringLiteral("bar"))
                     && output.contains(QStringLiteral("10.1.2.3")) && output.contains(QStringLiteral("dev")),
                 qPrintable(output));
        QVERIFY_RESULT(await(m_service->stop(space->id)));
        QVERIFY_RESULT(await(m_service->remove(space->id)));
    }

    void privilegedAndNetworkReachTheEngine()
    {
        // dockerd on our test machines runs nested and cannot apply every capability, so a
        // privileged container does not start there: privileged is checked on Podman only.
        const bool privileged = qEnvironmentVariable("KNOT_TEST_ENGINE") == u"podman";
        const Template tmpl = addTemplate(
            job(QStringLiteral("network: none\nprivileged: %1\n").arg(privileged ? u"true" : u"false")), {});
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        const auto container = await(m_client->inspectContainer(space->containerId));
        QVERIFY_RESULT(container);
        const QJsonObject host = container->raw.value(QStringLiteral("HostConfig")).toObject();
        QCOMPARE(host.value(QStringLiteral("Privileged")).toBool(), privileged);
        QCOMPARE(host.value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("none"));
        QVERIFY_RESULT(await(m_service->stop(space->id)));
    }

    // Without container_name and hostname, knot's defaults: <user>-<space name> and the space id.
    void defaultsForNameAndHostname()
    {
        m_service->setUser(UserInfo {QStringLiteral("knotuser"), {}, QStringLiteral("UTC"), {}});
        const Template tmpl = addTemplate(job(), {});
        auto space = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(space);
        const auto container = await(m_client->inspectContainer(space->containerId));
        QVERIFY_RESULT(container);
        QCOMPARE(container->name, QStringLiteral("knotuser-") + space->name);
        QCOMPARE(container->raw.value(QStringLiteral("Config")).toObject().value(QStringLiteral("Hostname")).toString(),
                 space->id.left(63));
        QVERIFY_RESULT(await(m_service->stop(space->id)));
    }

    void reconcileBringsDatabaseInLine()
    {
        m_reconciler.emplace(*m_service, *m_engines);
        const Template tmpl = addTemplate(job(), volumes({QStringLiteral("v")}, false));
        SpaceStore store(*m_db);

        // A Running space whose container vanished.
        auto vanished = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(vanished);
        QVERIFY_RESULT(await(m_client->removeContainer(vanished->containerId, true, false)));
        // A running container whose space the database thinks is Stopped (crash after start).
        auto adopted = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(adopted);
        QVERIFY_RESULT(store.setState(adopted->id, SpaceState::Stopped));
        QVERIFY_RESULT(store.setContainer(adopted->id, {}, adopted->startedHash));
        // An interrupted delete and an interrupted stop.
        auto deleting = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(deleting);
        QVERIFY_RESULT(store.setState(deleting->id, SpaceState::Deleting));
        auto stopping = await(m_service->create(draft(tmpl), true));
        QVERIFY_RESULT(stopping);
        QVERIFY_RESULT(store.setState(stopping->id, SpaceState::Stopping));
        // A Starting space without a container (crash before create).
        auto starting = await(m_service->create(draft(tmpl), false));
        QVERIFY_RESULT(starting);
        QVERIFY_RESULT(store.setState(starting->id, SpaceState::Starting));
        // A container that exited on its own while nobody watched.
        const Template exiting =
            addTemplate(QStringLiteral("image: %1\ncommand: [\"sh\", \"-c\", \"sleep 1; exit 3\"]\n").arg(m_image), {});
        auto exited = await(m_service->create(draft(exiting), true));
        QVERIFY_RESULT(exited);
        QTRY_VERIFY_WITH_TIMEOUT(!isRunning(exited->containerId), 30000);
        QCOMPARE(stateOf(exited->id), toText(SpaceState::Running));
        // Orphans: labelled by this instance, unknown space.
        const Labels orphanLabels {{SpaceLabels::SpaceId, QStringLiteral("gone")},
                                   {SpaceLabels::Instance, m_service->instanceId()}};
        const QString orphanVolume = unique(QStringLiteral("knot-orphan-"));
        QVERIFY_RESULT(await(m_client->createVolume(orphanVolume, orphanLabels)));
        QJsonObject body {{QStringLiteral("Image"), m_image},
                          {QStringLiteral("Cmd"), QJsonArray {QStringLiteral("sleep"), QStringLiteral("3600")}}};
        QJsonObject labelObject;
        for (auto it = orphanLabels.cbegin(); it != orphanLabels.cend(); ++it) {
            labelObject.insert(it.key(), it.value());
        }
        body.insert(QStringLiteral("Labels"), labelObject);
        const auto orphanContainer = await(m_client->createContainer(unique(QStringLiteral("knot-orphan-")), body));
        QVERIFY_RESULT(orphanContainer);

        const auto orphans = await(m_reconciler->reconcileAll());
        QVERIFY_RESULT(orphans);
        QCOMPARE(orphans->size(), 2);
        QSet<QString> orphanIds;
        for (const auto& orphan : *orphans) {
            orphanIds.insert(orphan.id);
            QCOMPARE(orphan.spaceId, QStringLiteral("gone"));
            QCOMPARE(orphan.kind, orphan.id == orphanVolume ? Orphan::Kind::Volume : Orphan::Kind::Container);
        }
        QCOMPARE(orphanIds, (QSet<QString> {orphanVolume, *orphanContainer}));

        QCOMPARE(stateOf(vanished->id), toText(SpaceState::Stopped));
        QVERIFY(store.get(vanished->id)->containerId.isEmpty());
        QCOMPARE(stateOf(adopted->id), toText(SpaceState::Running));
        QCOMPARE(store.get(adopted->id)->containerId, adopted->containerId);
        QTRY_VERIFY_WITH_TIMEOUT(!store.get(deleting->id).ok(), 30000);
        QCOMPARE(store.get(deleting->id).error().kind, Error::Kind::NotFound);
        QVERIFY(!volumeExists(deleting->id + QStringLiteral("-v")));
        QCOMPARE(containersOf(deleting->id), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(stopping->id), toText(SpaceState::Stopped), 30000);
        QCOMPARE(containersOf(stopping->id), 0);
        QVERIFY(volumeExists(stopping->id + QStringLiteral("-v")));
        QCOMPARE(stateOf(starting->id), toText(SpaceState::Stopped));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(exited->id), toText(SpaceState::Failed), 30000);
        QVERIFY2(store.get(exited->id)->lastError.contains(QStringLiteral("code 3")),
                 qPrintable(store.get(exited->id)->lastError));
        QTRY_COMPARE_WITH_TIMEOUT(containersOf(exited->id), 0, 30000);

        for (const auto& orphan : *orphans) {
            QVERIFY_RESULT(await(m_reconciler->removeOrphan(orphan)));
        }
        QVERIFY(!volumeExists(orphanVolume));
        QCOMPARE(containersOf(QStringLiteral("gone")), 0);
        const auto after = await(m_reconciler->reconcileAll());
        QVERIFY_RESULT(after);
        QVERIFY(after->isEmpty());
        QCOMPARE(stateOf(adopted->id), toText(SpaceState::Running));
        QVERIFY_RESULT(await(m_service->stop(adopted->id)));
    }

    void containerKilledOutsideBecomesStopped()
    {
        const auto space = startWatched();
        QVERIFY_RESULT(space);
        // Removed outright (docker rm -f): the space has no container any more.
        QVERIFY_RESULT(await(m_client->removeContainer(space->containerId, true, false)));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(space->id), toText(SpaceState::Stopped), 30000);
        QVERIFY(m_service->get(space->id)->containerId.isEmpty());
    }

    // The engine process dies while a space is Starting: Failed with a readable message; once the
    // engine is back, the event stream reconnects, the reconciler runs again and a start works.
    void engineKilledMidStartFailsThenRecovers()
    {
        const QString scripts = qEnvironmentVariable("KNOT_TEST_SCRIPTS");
        const QString enginesDir = qEnvironmentVariable("KNOT_TEST_ENGINES_DIR");
        const QString engine = qEnvironmentVariable("KNOT_TEST_ENGINE");
        QVERIFY2(!scripts.isEmpty() && !enginesDir.isEmpty() && !engine.isEmpty(),
                 "KNOT_TEST_SCRIPTS, KNOT_TEST_ENGINES_DIR and KNOT_TEST_ENGINE must be set");
        const auto engineScript = [&](const QString& action) {
            return QProcess::execute(QStringLiteral("bash"),
                                     {scripts + QStringLiteral("/restart-engine.sh"), enginesDir, engine, action});
        };
        // Other tests need the engine: it runs again at the end whatever happens here.
        auto restore = qScopeGuard([&] {
            if (!await(m_client->ping())) {
                engineScript(QStringLiteral("start"));
            }
        });

        m_reconciler.emplace(*m_service, *m_engines);
        m_reconciler->watchAllEngines();
        QSignalSpy reconciled(&*m_reconciler, &Reconciler::reconciled);
        QSignalSpy eventsUp(&*m_reconciler, &Reconciler::eventsConnected);
        QVERIFY_RESULT(await(m_engines->defaultClient())); // the event stream starts
        const Template tmpl = addTemplate(job(), volumes({QStringLiteral("v")}, false));
        auto space = await(m_service->create(draft(tmpl), false));
        QVERIFY_RESULT(space);
        QTRY_COMPARE_WITH_TIMEOUT(eventsUp.count(), 1, 30000);

        // Killed the moment the space turns Starting, before the service's first engine call:
        // deterministic, and synchronous on purpose (the test, not the app, waits here).
        int killed = -1;
        connect(m_service.operator->(), &SpaceService::spaceChanged, this, [&](const Space& changed) {
            if (changed.id == space->id && changed.state == SpaceState::Starting && killed == -1) {
                killed = engineScript(QStringLiteral("kill"));
            }
        });
        const auto started = await(m_service->start(space->id));
        QCOMPARE(killed, 0);
        QVERIFY(!started);
        QCOMPARE(started.error().kind, Error::Kind::Unreachable);
        auto failed = m_service->get(space->id);
        QVERIFY_RESULT(failed);
        QCOMPARE(failed->state, SpaceState::Failed);
        // "Cannot reach the container engine at …" or "The engine closed the connection without
        // replying", depending on where the engine's death meets the request.
        QVERIFY2(failed->lastError.contains(QStringLiteral("engine")), qPrintable(failed->lastError));

        QCOMPARE(engineScript(QStringLiteral("start")), 0);
        const qsizetype reconciledBefore = reconciled.count();
        auto running = await(m_service->start(space->id));
        QVERIFY_RESULT(running);
        QCOMPARE(running->state, SpaceState::Running);
        QVERIFY(running->lastError.isEmpty());
        // The stream notices the new engine (backoff up to 10 s) and the reconciler resyncs.
        QTRY_VERIFY_WITH_TIMEOUT(eventsUp.count() >= 2, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(reconciled.count() > reconciledBefore, 60000);
        // Events flow again: a container stopped outside the app is noticed.
        QVERIFY_RESULT(await(m_client->stopContainer(running->containerId, 0)));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(space->id), toText(SpaceState::Stopped), 30000);
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

    static QStringList strings(const QJsonValue& value)
    {
        QStringList list;
        for (const auto& item : value.toArray()) {
            list << item.toString();
        }
        return list;
    }

    // Capability names without the CAP_ prefix (Podman reports them with it, Docker as given).
    static QStringList capabilities(const QJsonValue& value)
    {
        QStringList list;
        for (const auto& item : strings(value)) {
            list << (item.startsWith(QStringLiteral("CAP_")) ? item.mid(4) : item);
        }
        return list;
    }

    static ExecOptions execOf(const QStringList& command)
    {
        ExecOptions options;
        options.command = command;
        options.attachStdin = false;
        return options;
    }

    // A running space with a reconciler following the engine's events.
    Result<Space> startWatched()
    {
        m_reconciler.emplace(*m_service, *m_engines);
        m_reconciler->watchAllEngines();
        const Template tmpl = addTemplate(job(), {});
        auto space = await(m_service->create(draft(tmpl), true));
        QTest::qWait(200); // the event stream connects
        return space;
    }

    // The stored state's name, or the error that kept it from being read: never an exception,
    // even when a space vanished under a test (a Result holding an error throws on access).
    QString stateOf(const QString& spaceId) const
    {
        const auto space = SpaceStore(*m_db).get(spaceId);
        return space ? toText(space->state) : QStringLiteral("(no space: %1)").arg(space.error().message);
    }

    bool isRunning(const QString& containerId)
    {
        const auto container = await(m_client->inspectContainer(containerId));
        return container && container->state.running;
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
