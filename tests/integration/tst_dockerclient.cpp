#include "core/engine/dockerclient.h"
#include "core/engine/enginejob.h"
#include "core/engine/eventstream.h"
#include "core/engine/execsession.h"
#include "testutils.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

using namespace Knot;

namespace {

constexpr int Timeout = 120000;

// Waits (running the event loop) for a future; fails the test on timeout.
#define AWAIT(name, expr)                                                                                              \
    auto name##Future_ = (expr);                                                                                       \
    QVERIFY2(QTest::qWaitFor([&] { return name##Future_.isFinished(); }, Timeout), "timed out: " #expr);               \
    auto name = name##Future_.result()

#define AWAIT_OK(expr)                                                                                                 \
    do {                                                                                                               \
        AWAIT(awaited_, expr);                                                                                         \
        QVERIFY_RESULT(awaited_);                                                                                      \
    } while (false)

QString unique(const QString& prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

// A root file system tarball holding busybox and a few applet links, made the way the test
// engines' image is made (no registry needed).
QByteArray busyboxTarball(const QString& dir)
{
    QDir root(dir);
    root.mkpath(QStringLiteral("rootfs/bin"));
    root.mkpath(QStringLiteral("rootfs/tmp"));
    const QString bin = root.filePath(QStringLiteral("rootfs/bin"));
    if (!QFile::copy(QStringLiteral("/bin/busybox"), bin + QStringLiteral("/busybox"))) {
        return {};
    }
    for (const char* applet : {"sh", "cat", "echo", "sleep", "stty", "ls", "env", "true"}) {
        QFile::link(QStringLiteral("busybox"), bin + u'/' + QLatin1String(applet));
    }
    QProcess tar;
    tar.start(QStringLiteral("tar"),
              {QStringLiteral("-C"),
               root.filePath(QStringLiteral("rootfs")),
               QStringLiteral("-cf"),
               QStringLiteral("-"),
               QStringLiteral(".")});
    tar.waitForFinished(60000);
    return tar.exitCode() == 0 ? tar.readAllStandardOutput() : QByteArray();
}

// A tar archive holding one file.
QByteArray fileTarball(const QString& dir, const QString& name, const QByteArray& content)
{
    QDir(dir).mkpath(QStringLiteral("archive"));
    QFile file(dir + QStringLiteral("/archive/") + name);
    if (!file.open(QIODevice::WriteOnly)) {
        return {};
    }
    file.write(content);
    file.close();
    QProcess tar;
    tar.start(
        QStringLiteral("tar"),
        {QStringLiteral("-C"), dir + QStringLiteral("/archive"), QStringLiteral("-cf"), QStringLiteral("-"), name});
    tar.waitForFinished(60000);
    return tar.readAllStandardOutput();
}

} // namespace

class TestDockerClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    QString m_image;
    QString m_label;
    QStringList m_containers;
    QStringList m_volumes;
    QStringList m_images;
    QTemporaryDir m_dir;

    // Creates (and remembers for cleanup) a container from the test image running `command`.
    QString createContainer(const QStringList& command, bool tty = false)
    {
        const QString name = unique(QStringLiteral("knot-test-"));
        const QJsonObject body {
            {QStringLiteral("Image"), m_image},
            {QStringLiteral("Cmd"), QJsonArray::fromStringList(command)},
            {QStringLiteral("Tty"), tty},
            {QStringLiteral("Labels"), QJsonObject {{QStringLiteral("knot.test"), m_label}}},
        };
        auto future = m_client->createContainer(name, body);
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, Timeout) || !future.result().ok()) {
            qWarning() << "create failed:" << (future.isFinished() ? future.result().error().toString() : QString());
            return {};
        }
        m_containers.append(future.result().value());
        return future.result().value();
    }

    // Inspects until the container has stopped running.
    bool waitForExit(const QString& id)
    {
        QDeadlineTimer deadline(Timeout);
        while (!deadline.hasExpired()) {
            auto future = m_client->inspectContainer(id);
            if (!QTest::qWaitFor([&] { return future.isFinished(); }, Timeout) || !future.result().ok()) {
                return false;
            }
            if (!future.result()->state.running) {
                return true;
            }
            QTest::qWait(100);
        }
        return false;
    }

    QString startedContainer(const QStringList& command, bool tty = false)
    {
        const QString id = createContainer(command, tty);
        if (id.isEmpty()) {
            return {};
        }
        auto future = m_client->startContainer(id);
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, Timeout) || !future.result().ok()) {
            qWarning() << "start failed:" << (future.isFinished() ? future.result().error().toString() : QString());
            return {};
        }
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString endpointText = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        QVERIFY2(!endpointText.isEmpty(), "KNOT_TEST_ENDPOINT is not set");
        const Result<EngineEndpoint> endpoint = EngineEndpoint::parse(endpointText);
        QVERIFY_RESULT(endpoint);
        m_client = std::make_unique<DockerClient>(*endpoint);
        m_image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));
        m_label = unique(QStringLiteral("run-"));

        // The engine scripts import the test image; import it here if they have not (development).
        AWAIT(image, m_client->inspectImage(m_image));
        if (!image.ok()) {
            QCOMPARE(image.error().httpStatus, 404);
            QByteArray tar = busyboxTarball(m_dir.filePath(QStringLiteral("image")));
            QVERIFY(!tar.isEmpty());
            QBuffer buffer(&tar);
            buffer.open(QIODevice::ReadOnly);
            EngineJob* job = m_client->importImage(&buffer, m_image, this);
            QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), Timeout);
            QVERIFY_RESULT(job->result());
            delete job;
        }
    }

    void cleanupTestCase()
    {
        if (!m_client) {
            return;
        }
        for (const QString& id : std::as_const(m_containers)) {
            AWAIT(removed, m_client->removeContainer(id, true, true));
            if (!removed.ok() && removed.error().httpStatus != 404) {
                qWarning() << "cleanup:" << removed.error().toString();
            }
        }
        for (const QString& volume : std::as_const(m_volumes)) {
            AWAIT_OK(m_client->removeVolume(volume, true));
        }
        for (const QString& image : std::as_const(m_images)) {
            AWAIT(removed, m_client->removeImage(image, true));
            Q_UNUSED(removed);
        }
    }

    void versionNegotiation()
    {
        AWAIT(version, m_client->version());
        QVERIFY_RESULT(version);
        const int minor = version->apiVersion.section(u'.', 1).toInt();
        QVERIFY2(minor >= 41 && minor <= DockerClient::OurApiMinor, qPrintable(version->apiVersion));
        QCOMPARE(version->apiVersion.section(u'.', 1).toInt(),
                 std::min(version->serverApiVersion.section(u'.', 1).toInt(), DockerClient::OurApiMinor));
        const EngineRecord::Kind expected = qEnvironmentVariable("KNOT_TEST_ENGINE") == QStringLiteral("podman")
                                                ? EngineRecord::Kind::Podman
                                                : EngineRecord::Kind::Docker;
        QCOMPARE(version->kind, expected);
        AWAIT_OK(m_client->ping());
        AWAIT(info, m_client->info());
        QVERIFY_RESULT(info);
        QVERIFY(info->cpus > 0);
    }

    void containerLifecycle()
    {
        const QString id = createContainer({QStringLiteral("sleep"), QStringLiteral("300")});
        QVERIFY(!id.isEmpty());
        AWAIT_OK(m_client->startContainer(id));
        AWAIT(running, m_client->inspectContainer(id));
        QVERIFY_RESULT(running);
        QVERIFY(running->state.running);
        QCOMPARE(running->state.status, QStringLiteral("running"));
        QCOMPARE(running->labels.value(QStringLiteral("knot.test")), m_label);
        QCOMPARE(running->id, id);

        AWAIT(listed, m_client->listContainers(QStringLiteral("knot.test=") + m_label));
        QVERIFY_RESULT(listed);
        QVERIFY(std::any_of(
            listed->cbegin(), listed->cend(), [&](const ContainerInfo& c) { return c.id == id && c.state.running; }));
        AWAIT(none, m_client->listContainers(QStringLiteral("knot.test=nobody-") + m_label));
        QVERIFY_RESULT(none);
        QVERIFY(none->isEmpty());

        AWAIT_OK(m_client->stopContainer(id, 1));
        AWAIT(stopped, m_client->inspectContainer(id));
        QVERIFY_RESULT(stopped);
        QVERIFY(!stopped->state.running);
        QCOMPARE(stopped->state.status, QStringLiteral("exited"));

        AWAIT_OK(m_client->removeContainer(id, false, true));
        AWAIT(gone, m_client->inspectContainer(id));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind, Error::Kind::Engine);
        QCOMPARE(gone.error().httpStatus, 404);
        QVERIFY(!gone.error().message.isEmpty());
    }

    void createErrorsCarryEngineMessage()
    {
        const QJsonObject body {{QStringLiteral("Image"), QStringLiteral("localhost/knot-no-such-image:none")}};
        AWAIT(created, m_client->createContainer(unique(QStringLiteral("knot-test-")), body));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, Error::Kind::Engine);
        QVERIFY(created.error().httpStatus >= 400);
        QVERIFY2(created.error().message.contains(QStringLiteral("image"), Qt::CaseInsensitive),
                 qPrintable(created.error().message));
    }

    void volumes()
    {
        const QString name = unique(QStringLiteral("knot-test-vol-"));
        m_volumes.append(name);
        AWAIT(created, m_client->createVolume(name, {{QStringLiteral("knot.test"), m_label}}));
        QVERIFY_RESULT(created);
        QCOMPARE(created->name, name);
        AWAIT(listed, m_client->listVolumes(QStringLiteral("knot.test=") + m_label));
        QVERIFY_RESULT(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().labels.value(QStringLiteral("knot.test")), m_label);
        AWAIT_OK(m_client->removeVolume(name, false));
        AWAIT_OK(m_client->removeVolume(name, false)); // already gone: fine
        AWAIT(after, m_client->listVolumes(QStringLiteral("knot.test=") + m_label));
        QVERIFY_RESULT(after);
        QVERIFY(after->isEmpty());
    }

    void logs()
    {
        const QString id = startedContainer(
            {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo to-stdout; echo to-stderr >&2")});
        QVERIFY(!id.isEmpty());
        QVERIFY(waitForExit(id));
        EngineJob* job = m_client->containerLogs(id, {}, this);
        QByteArray out;
        QByteArray err;
        connect(job, &EngineJob::output, this, [&](const QByteArray& data, bool standardError) {
            (standardError ? err : out) += data;
        });
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), Timeout);
        QVERIFY_RESULT(job->result());
        QCOMPARE(out, QByteArray("to-stdout\n"));
        QCOMPARE(err, QByteArray("to-stderr\n"));
        delete job;
    }

    void execWithTty()
    {
        const QString id = startedContainer({QStringLiteral("sleep"), QStringLiteral("300")});
        QVERIFY(!id.isEmpty());
        ExecOptions options;
        options.command = {QStringLiteral("sh")};
        options.tty = true;
        options.environment = {QStringLiteral("TERM=xterm-256color")};
        ExecSession* session = m_client->startExec(id, options, this);
        QByteArray output;
        connect(session, &ExecSession::output, this, [&](const QByteArray& data) { output += data; });
        QSignalSpy finished(session, &ExecSession::finished);
        session->write("echo hel''lo\n"); // buffered until the stream is up
        QTRY_VERIFY_WITH_TIMEOUT(output.contains("hello"), Timeout);
        QCOMPARE(session->state(), ExecSession::State::Running);

        session->resize(33, 101);
        // The resize request is asynchronous: ask again until the shell sees the new size.
        QDeadlineTimer deadline(Timeout);
        bool resized = false;
        while (!resized && !deadline.hasExpired()) {
            session->write("stty size\n");
            resized = QTest::qWaitFor([&] { return output.contains("33 101"); }, 1000);
        }
        QVERIFY2(resized, output.constData());

        session->write("exit 3\n");
        QVERIFY(finished.wait(Timeout));
        QCOMPARE(finished.first().first().toInt(), 3);
        QCOMPARE(session->state(), ExecSession::State::Finished);
        delete session;
    }

    void execWithoutTty()
    {
        const QString id = startedContainer({QStringLiteral("sleep"), QStringLiteral("300")});
        QVERIFY(!id.isEmpty());
        ExecOptions options;
        options.command = {
            QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 7")};
        AWAIT(result, m_client->exec(id, options));
        QVERIFY_RESULT(result);
        QCOMPARE(result->exitCode, 7);
        QCOMPARE(result->standardOutput, QByteArray("out\n"));
        QCOMPARE(result->standardError, QByteArray("err\n"));

        AWAIT(missing, m_client->exec(QStringLiteral("knot-no-such-container"), options));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().httpStatus, 404);
    }

    void archiveUpload()
    {
        const QString id = startedContainer({QStringLiteral("sleep"), QStringLiteral("300")});
        QVERIFY(!id.isEmpty());
        const QByteArray content = "uploaded through the archive API\n";
        const QByteArray tar = fileTarball(m_dir.path(), QStringLiteral("note.txt"), content);
        QVERIFY(!tar.isEmpty());
        AWAIT_OK(m_client->putArchive(id, QStringLiteral("/tmp"), tar));
        ExecOptions options;
        options.command = {QStringLiteral("cat"), QStringLiteral("/tmp/note.txt")};
        AWAIT(result, m_client->exec(id, options));
        QVERIFY_RESULT(result);
        QCOMPARE(result->exitCode, 0);
        QCOMPARE(result->standardOutput, content);
    }

    void events()
    {
        const QString id = startedContainer({QStringLiteral("sleep"), QStringLiteral("300")});
        QVERIFY(!id.isEmpty());
        EventStream* stream = m_client->watchEvents(QStringLiteral("knot.test=") + m_label, this);
        QList<EngineEvent> seen;
        connect(stream, &EventStream::event, this, [&](const EngineEvent& e) { seen.append(e); });
        QSignalSpy connected(stream, &EventStream::connected);
        stream->start();
        QTRY_VERIFY_WITH_TIMEOUT(stream->isConnected(), Timeout);
        AWAIT_OK(m_client->stopContainer(id, 1));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(seen.cbegin(),
                                             seen.cend(),
                                             [&](const EngineEvent& e) {
                                                 return e.actorId == id && e.type == QStringLiteral("container")
                                                        && (e.action == QStringLiteral("die")
                                                            || e.action == QStringLiteral("died"));
                                             }),
                                 Timeout);
        const auto it = std::find_if(seen.cbegin(), seen.cend(), [&](const EngineEvent& e) { return e.actorId == id; });
        QCOMPARE(it->attributes.value(QStringLiteral("knot.test")), m_label);
        QCOMPARE(connected.size(), 1);
        stream->stop();
        QVERIFY(!stream->isConnected());
        delete stream;
    }

    void pullOfMissingImageFails()
    {
        EngineJob* job = m_client->pullImage(QStringLiteral("knot-registry.invalid/knot/nothing:latest"), {}, this);
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), Timeout);
        QVERIFY(!job->result().ok());
        QCOMPARE(job->result().error().kind, Error::Kind::Engine);
        QVERIFY(!job->result().error().message.isEmpty());
        qInfo() << "pull failure:" << job->result().error().toString();
        delete job;
    }

    void importTarball()
    {
        QByteArray tar = busyboxTarball(m_dir.filePath(QStringLiteral("import")));
        QVERIFY(!tar.isEmpty());
        const QString reference =
            QStringLiteral("localhost/") + unique(QStringLiteral("knot-test-import-")) + QStringLiteral(":v1");
        m_images.append(reference);
        QFile file(m_dir.filePath(QStringLiteral("import.tar")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(tar);
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        EngineJob* job = m_client->importImage(&file, reference, this);
        QSignalSpy progress(job, &EngineJob::progress);
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), Timeout);
        QVERIFY_RESULT(job->result());
        delete job;
        AWAIT(image, m_client->inspectImage(reference));
        QVERIFY_RESULT(image);
        QVERIFY(image->repoTags.contains(reference));
    }

    void unreachableEngine()
    {
        const QString path = m_dir.filePath(QStringLiteral("nothing-here.sock"));
        DockerClient client(*EngineEndpoint::parse(QStringLiteral("unix://") + path));
        AWAIT(version, client.version());
        QVERIFY(!version.ok());
        QCOMPARE(version.error().kind, Error::Kind::Unreachable);
        QVERIFY2(version.error().message.contains(path), qPrintable(version.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDockerClient)
#include "tst_dockerclient.moc"
