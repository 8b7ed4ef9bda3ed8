#include "clirun.h"
#include "core/engine/dockerclient.h"
#include "core/space/enginemanager.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "enginetestsupport.h"
#include "testutils.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace Knot;

using KnotTest::await;
using KnotTest::EngineTimeoutMs;
using KnotTest::unique;

// Drives the real knot-cli binary against the real engine (given with KNOT_DESKTOP_ENGINE).
class TestCliSpaces : public QObject
{
    Q_OBJECT

    using Run = KnotTest::CliRun;

    void prepare(QProcess& process, const QStringList& arguments)
    {
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("KNOT_DESKTOP_ENGINE"), m_endpoint);
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(KNOT_CLI_PATH));
        process.setArguments(QStringList {QStringLiteral("--db"), m_db} + arguments);
    }

    Run cli(const QStringList& arguments)
    {
        QProcess process;
        prepare(process, arguments);
        return KnotTest::runCli(process, EngineTimeoutMs);
    }

    QJsonValue json(const QStringList& arguments)
    {
        const Run run = cli(QStringList {QStringLiteral("--json")} + arguments);
        if (run.exitCode != 0) {
            qWarning() << run.err;
        }
        return QJsonDocument::fromJson(run.out.toUtf8()).isArray()
                   ? QJsonValue(QJsonDocument::fromJson(run.out.toUtf8()).array())
                   : QJsonValue(QJsonDocument::fromJson(run.out.toUtf8()).object());
    }

    // Imports a template running `image` (`script` under sh) with a volume, an HTTP port and a
    // custom field.
    QString addTemplate(const QString& image,
                        const QString& script = QStringLiteral("echo hello-${{ .custom.project }}; sleep 3600"))
    {
        const QString name = unique(QStringLiteral("tmpl"));
        const QString path = m_dir->filePath(name + QStringLiteral(".yaml"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return {};
        }
        file.write(QStringLiteral("name: %1\n"
                                  "platform: docker\n"
                                  "job: |\n"
                                  "  image: %2\n"
                                  "  command: [\"sh\", \"-c\", \"%3\"]\n"
                                  "volumes: |\n"
                                  "  volumes:\n"
                                  "    ${{ .space.id }}-data:\n"
                                  "ports:\n"
                                  "  - name: web\n"
                                  "    port: 8080\n"
                                  "    protocol: http\n"
                                  "custom_fields:\n"
                                  "  - name: project\n"
                                  "    description: the project\n")
                       .arg(name, image, script)
                       .toUtf8());
        file.close();
        const Run run = cli({QStringLiteral("template"), QStringLiteral("import"), path});
        if (run.exitCode != 0) {
            qWarning() << run.err;
        }
        return name;
    }

    // The instance id the CLI labels this database's objects with.
    QString instanceId()
    {
        auto db = Database::open(m_db);
        if (!db) {
            return {};
        }
        EngineManager engines(**db);
        return SpaceService(**db, engines).instanceId();
    }

    int labelled(const QString& spaceId, bool volumes)
    {
        const QString filter = SpaceLabels::SpaceId + u'=' + spaceId;
        if (volumes) {
            const auto found = await(m_client->listVolumes(filter));
            return found ? int(found->size()) : -1;
        }
        const auto found = await(m_client->listContainers(filter));
        return found ? int(found->size()) : -1;
    }

    std::optional<QTemporaryDir> m_dir;
    std::optional<DockerClient> m_client;
    QString m_db;
    QString m_endpoint;
    QString m_image;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.emplace().isValid());
        m_db = m_dir->filePath(QStringLiteral("knot.db"));
        m_endpoint = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        m_image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));
        QVERIFY2(!m_endpoint.isEmpty(), "KNOT_TEST_ENDPOINT is not set");
        auto endpoint = EngineEndpoint::parse(m_endpoint);
        QVERIFY_RESULT(endpoint);
        m_client.emplace(*endpoint);
    }

    void cleanup()
    {
        // Whatever a failed test left behind: everything this database labelled.
        KnotTest::removeLabelled(*m_client, SpaceLabels::instanceFilter(instanceId()));
        m_client.reset();
        m_dir.reset();
    }

    void fullLifecycle()
    {
        const QString tmpl = addTemplate(m_image);
        const QString name = unique(QStringLiteral("dev"));
        Run run = cli({QStringLiteral("space"),
                       QStringLiteral("create"),
                       name,
                       QStringLiteral("--template"),
                       tmpl,
                       QStringLiteral("--description"),
                       QStringLiteral("my space"),
                       QStringLiteral("--icon"),
                       QStringLiteral("https://example.com/i.svg"),
                       QStringLiteral("--shell"),
                       QStringLiteral("sh"),
                       QStringLiteral("--alt-name"),
                       name + QStringLiteral("-web=8080"),
                       QStringLiteral("--field"),
                       QStringLiteral("project=knot")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        const QJsonArray list = json({QStringLiteral("space"), QStringLiteral("list")}).toArray();
        QCOMPARE(list.size(), 1);
        QJsonObject space = list.first().toObject();
        const QString id = space.value(QStringLiteral("id")).toString();
        QCOMPARE(space.value(QStringLiteral("name")).toString(), name);
        QCOMPARE(space.value(QStringLiteral("state")).toString(), QStringLiteral("Stopped"));
        QCOMPARE(space.value(QStringLiteral("template")).toString(), tmpl);
        QCOMPARE(space.value(QStringLiteral("description")).toString(), QStringLiteral("my space"));
        QCOMPARE(space.value(QStringLiteral("icon")).toString(), QStringLiteral("https://example.com/i.svg"));
        QCOMPARE(space.value(QStringLiteral("shell")).toString(), QStringLiteral("sh"));
        QCOMPARE(space.value(QStringLiteral("custom_fields")).toObject().value(QStringLiteral("project")).toString(),
                 QStringLiteral("knot"));
        const QJsonObject altName = space.value(QStringLiteral("alt_names")).toArray().first().toObject();
        QCOMPARE(altName.value(QStringLiteral("name")).toString(), name + QStringLiteral("-web"));
        QCOMPARE(altName.value(QStringLiteral("port")).toInt(), 8080);
        // Named by id as well as by name.
        QCOMPARE(json({QStringLiteral("space"), QStringLiteral("show"), id}).toObject(), space);
        run = cli({QStringLiteral("space"), QStringLiteral("show"), name});
        QVERIFY(run.out.contains(QStringLiteral("Stopped")));

        run = cli({QStringLiteral("space"), QStringLiteral("start"), name});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("Starting ") + name), qPrintable(run.err));
        space = json({QStringLiteral("space"), QStringLiteral("show"), name}).toObject();
        QCOMPARE(space.value(QStringLiteral("state")).toString(), QStringLiteral("Running"));
        const QString containerId = space.value(QStringLiteral("container_id")).toString();
        const auto container = await(m_client->inspectContainer(containerId));
        QVERIFY_RESULT(container);
        QVERIFY(container->state.running);
        QCOMPARE(labelled(id, true), 1);

        QTRY_VERIFY_WITH_TIMEOUT(
            cli({QStringLiteral("space"), QStringLiteral("logs"), name}).out.contains(QStringLiteral("hello-knot")),
            30000);
        run =
            cli({QStringLiteral("space"), QStringLiteral("logs"), name, QStringLiteral("--tail"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // Running: not deletable.
        QCOMPARE(cli({QStringLiteral("space"), QStringLiteral("delete"), name, QStringLiteral("--yes")}).exitCode, 5);

        run = cli({QStringLiteral("space"), QStringLiteral("stop"), name});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(labelled(id, false), 0);
        QVERIFY(!cli({QStringLiteral("space"), QStringLiteral("logs"), name}).err.isEmpty());

        const QString renamed = unique(QStringLiteral("ren"));
        run = cli({QStringLiteral("space"),
                   QStringLiteral("edit"),
                   name,
                   QStringLiteral("--name"),
                   renamed,
                   QStringLiteral("--description"),
                   QStringLiteral("edited"),
                   QStringLiteral("--field"),
                   QStringLiteral("project=other")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        space = json({QStringLiteral("space"), QStringLiteral("show"), id}).toObject();
        QCOMPARE(space.value(QStringLiteral("name")).toString(), renamed);
        QCOMPARE(space.value(QStringLiteral("description")).toString(), QStringLiteral("edited"));
        QCOMPARE(space.value(QStringLiteral("custom_fields")).toObject().value(QStringLiteral("project")).toString(),
                 QStringLiteral("other"));

        // Without a terminal and without --yes: refused, nothing removed.
        run = cli({QStringLiteral("space"), QStringLiteral("delete"), renamed});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--yes")), qPrintable(run.err));
        QVERIFY2(run.err.contains(id + QStringLiteral("-data")), qPrintable(run.err));
        QCOMPARE(labelled(id, true), 1);

        run = cli({QStringLiteral("space"), QStringLiteral("delete"), renamed, QStringLiteral("--yes")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(labelled(id, true), 0);
        QCOMPARE(labelled(id, false), 0);
        QCOMPARE(json({QStringLiteral("space"), QStringLiteral("list")}).toArray().size(), 0);
        QCOMPARE(cli({QStringLiteral("space"), QStringLiteral("show"), renamed}).exitCode, 4);
    }

    void badInput()
    {
        const QString tmpl = addTemplate(m_image);
        Run run = cli({QStringLiteral("space"),
                       QStringLiteral("create"),
                       QStringLiteral("x"),
                       QStringLiteral("--template"),
                       QStringLiteral("no-such-template")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QStringLiteral("--template")), qPrintable(run.err));

        run = cli({QStringLiteral("space"),
                   QStringLiteral("create"),
                   QStringLiteral("x"),
                   QStringLiteral("--template"),
                   tmpl,
                   QStringLiteral("--field"),
                   QStringLiteral("nope=1")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("--field 'nope'")), qPrintable(run.err));

        run = cli({QStringLiteral("space"),
                   QStringLiteral("create"),
                   QStringLiteral("x"),
                   QStringLiteral("--template"),
                   tmpl,
                   QStringLiteral("--alt-name"),
                   QStringLiteral("www=99999")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("--alt-name 'www=99999'")), qPrintable(run.err));
        QCOMPARE(json({QStringLiteral("space"), QStringLiteral("list")}).toArray().size(), 0);

        // An image no registry has: the start fails with the engine's message.
        const QString missing = addTemplate(QStringLiteral("localhost:1/knot-no-such-image:none"));
        run = cli({QStringLiteral("space"),
                   QStringLiteral("create"),
                   QStringLiteral("broken"),
                   QStringLiteral("--template"),
                   missing,
                   QStringLiteral("--start")});
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(run.err.contains(QStringLiteral("knot-cli: ")), qPrintable(run.err));
        const QJsonObject space =
            json({QStringLiteral("space"), QStringLiteral("show"), QStringLiteral("broken")}).toObject();
        QCOMPARE(space.value(QStringLiteral("state")).toString(), QStringLiteral("Failed"));
        QVERIFY(!space.value(QStringLiteral("error")).toString().isEmpty());
    }

    void killedMidStart()
    {
        // A registry that accepts connections and never answers: the pull hangs.
        QTcpServer registry;
        QVERIFY(registry.listen(QHostAddress::LocalHost));
        const QString tmpl = addTemplate(QStringLiteral("127.0.0.1:%1/knot/hang:latest").arg(registry.serverPort()));
        QVERIFY2(cli({QStringLiteral("space"),
                      QStringLiteral("create"),
                      QStringLiteral("hang"),
                      QStringLiteral("--template"),
                      tmpl})
                         .exitCode
                     == 0,
                 "create failed");

        QProcess process;
        prepare(process, {QStringLiteral("space"), QStringLiteral("start"), QStringLiteral("hang")});
        process.start();
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT(
            (err += QString::fromUtf8(process.readAllStandardError()), err.contains(QStringLiteral("Pulling"))), 60000);
        process.kill(); // SIGKILL
        QVERIFY(process.waitForFinished());

        // The next command reconciles: no container, so the interrupted start is Stopped.
        const QJsonArray list = json({QStringLiteral("space"), QStringLiteral("list")}).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject space = list.first().toObject();
        QCOMPARE(space.value(QStringLiteral("state")).toString(), QStringLiteral("Stopped"));
        QCOMPARE(labelled(space.value(QStringLiteral("id")).toString(), false), 0);
        QCOMPARE(json({QStringLiteral("orphans")}).toArray().size(), 0);
        registry.close();
    }

    void portsAndForward()
    {
        // A web server only the container itself can reach: nothing is published.
        const QString tmpl = addTemplate(m_image,
                                         QStringLiteral("mkdir -p /www && echo hello-forward > /www/index.html"
                                                        " && exec httpd -f -p 127.0.0.1:8080 -h /www"));
        const QString name = unique(QStringLiteral("ports"));
        const Run created = cli({QStringLiteral("space"),
                                 QStringLiteral("create"),
                                 name,
                                 QStringLiteral("--template"),
                                 tmpl,
                                 QStringLiteral("--field"),
                                 QStringLiteral("project=p"),
                                 QStringLiteral("--start")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));

        // The declared port, found listening (the server may take a moment to bind).
        QJsonObject web;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray ports = json({QStringLiteral("space"), QStringLiteral("ports"), name}).toArray();
                for (const QJsonValue& port : ports) {
                    if (port[u"port"].toInt() == 8080) {
                        web = port.toObject();
                    }
                }
                return web[u"listening"].toBool();
            }(),
            30000);
        QCOMPARE(web[u"name"].toString(), QStringLiteral("web"));
        QCOMPARE(web[u"address"].toString(), QString()); // not published
        const Run table = cli({QStringLiteral("space"), QStringLiteral("ports"), name});
        QVERIFY2(table.out.contains(QStringLiteral("8080")) && table.out.contains(QStringLiteral("LISTENING")),
                 qPrintable(table.out));

        // A forward until stopped: fetch the page through it.
        QProcess forward;
        prepare(forward,
                {QStringLiteral("--json"),
                 QStringLiteral("space"),
                 QStringLiteral("forward"),
                 name,
                 QStringLiteral("8080")});
        forward.start();
        const auto stopForward = qScopeGuard([&] {
            forward.kill();
            forward.waitForFinished();
        });
        QTRY_VERIFY_WITH_TIMEOUT(forward.canReadLine() || forward.state() == QProcess::NotRunning, EngineTimeoutMs);
        const QByteArray line = forward.readLine();
        const int localPort = QJsonDocument::fromJson(line).object()[u"localPort"].toInt();
        QVERIFY2(localPort > 0, qPrintable(QString::fromUtf8(line + forward.readAllStandardError())));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(localPort));
        QVERIFY(socket.waitForConnected(10000));
        socket.write("GET /index.html HTTP/1.0\r\n\r\n");
        QByteArray reply;
        QTRY_VERIFY_WITH_TIMEOUT((reply += socket.readAll()).contains("hello-forward")
                                     || socket.state() == QAbstractSocket::UnconnectedState,
                                 EngineTimeoutMs);
        reply += socket.readAll();
        QVERIFY2(reply.contains("hello-forward"), reply.constData());

        // Bad input says what is wrong.
        const Run badPort = cli({QStringLiteral("space"), QStringLiteral("forward"), name, QStringLiteral("http")});
        QCOMPARE(badPort.exitCode, 2);
        QVERIFY2(badPort.err.contains(QStringLiteral("'http' is not a port number")), qPrintable(badPort.err));
        QCOMPARE(cli({QStringLiteral("space"), QStringLiteral("stop"), name}).exitCode, 0);
        const Run stopped = cli({QStringLiteral("space"), QStringLiteral("ports"), name});
        QCOMPARE(stopped.exitCode, 5);
        QVERIFY2(stopped.err.contains(QStringLiteral("not running")), qPrintable(stopped.err));
    }

    void engines()
    {
        Run run = cli({QStringLiteral("engine"), QStringLiteral("add"), QStringLiteral("test"), m_endpoint});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray list = json({QStringLiteral("engine"), QStringLiteral("list")}).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QStringLiteral("kind")).toString(),
                 qEnvironmentVariable("KNOT_TEST_ENGINE"));
        QVERIFY(list.first().toObject().value(QStringLiteral("default")).toBool());

        const QJsonObject tested =
            json({QStringLiteral("engine"), QStringLiteral("test"), QStringLiteral("test")}).toObject();
        QCOMPARE(tested.value(QStringLiteral("kind")).toString(), qEnvironmentVariable("KNOT_TEST_ENGINE"));
        QVERIFY(!tested.value(QStringLiteral("version")).toString().isEmpty());
        QVERIFY(!tested.value(QStringLiteral("api_version")).toString().isEmpty());
        run = cli({QStringLiteral("engine"), QStringLiteral("test")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("API version:")));

        const QString dead = QStringLiteral("unix://") + m_dir->filePath(QStringLiteral("nothing.sock"));
        run = cli({QStringLiteral("engine"), QStringLiteral("add"), QStringLiteral("dead"), dead});
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(run.err.contains(QStringLiteral("did not answer")), qPrintable(run.err));
        run = cli({QStringLiteral("engine"), QStringLiteral("add"), QStringLiteral("bad"), QStringLiteral("ftp://x")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("ENDPOINT 'ftp://x'")), qPrintable(run.err));
        QCOMPARE(cli({QStringLiteral("engine"), QStringLiteral("test"), QStringLiteral("dead")}).exitCode, 4);

        QCOMPARE(cli({QStringLiteral("engine"), QStringLiteral("remove"), QStringLiteral("test")}).exitCode, 0);
        QCOMPARE(json({QStringLiteral("engine"), QStringLiteral("list")}).toArray().size(), 0);
    }

    void orphans()
    {
        const QString instance = instanceId();
        QVERIFY(!instance.isEmpty());
        const QString ghost = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QJsonObject body {
            {QStringLiteral("Image"), m_image},
            {QStringLiteral("Cmd"), QJsonArray {QStringLiteral("sleep"), QStringLiteral("3600")}},
            {QStringLiteral("Labels"), QJsonObject {{SpaceLabels::SpaceId, ghost}, {SpaceLabels::Instance, instance}}},
        };
        const auto created = await(m_client->createContainer(unique(QStringLiteral("orphan")), body));
        QVERIFY_RESULT(created);

        const QJsonArray found = json({QStringLiteral("orphans")}).toArray();
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().toObject().value(QStringLiteral("id")).toString(), *created);
        QCOMPARE(found.first().toObject().value(QStringLiteral("space_id")).toString(), ghost);

        const Run run = cli({QStringLiteral("orphans"), QStringLiteral("--remove"), created->left(12)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto gone = await(m_client->inspectContainer(*created));
        QVERIFY(!gone);
        QCOMPARE(json({QStringLiteral("orphans")}).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliSpaces)
#include "tst_clispaces.moc"
