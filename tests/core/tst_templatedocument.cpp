#include "core/template/templatedocument.h"

#include "testutils.h"

#include <QTemporaryDir>

using namespace Knot;

class TestTemplateDocument : public QObject
{
    Q_OBJECT

private:
    static QString dataPath(const char* name)
    {
        return QStringLiteral(KNOT_SOURCE_DIR "/tests/data/templates/") + QString::fromUtf8(name);
    }

    static QString errorsOf(const Diagnostics& diagnostics)
    {
        QStringList lines;
        for (const auto& d : diagnostics) {
            lines.append(d.toString());
        }
        return lines.join(u'\n');
    }

    static Template parseOk(const QString& yaml)
    {
        const auto parsed = TemplateDocument::parse(yaml);
        if (!parsed.ok()) {
            qWarning().noquote() << errorsOf(parsed.diagnostics);
        }
        return parsed.value;
    }

    static void verifyRoundTrip(const Template& original)
    {
        const QString exported = TemplateDocument::serialize(original);
        const auto reimported = TemplateDocument::parse(exported);
        QVERIFY2(reimported.ok(), qPrintable(errorsOf(reimported.diagnostics) + u'\n' + exported));
        QVERIFY2(reimported.diagnostics.isEmpty(), qPrintable(errorsOf(reimported.diagnostics)));
        QVERIFY2(reimported.value == original, qPrintable(exported));
        QCOMPARE(TemplateDocument::serialize(reimported.value), exported);
    }

private Q_SLOTS:
    void importsKnotExport()
    {
        const auto parsed = TemplateDocument::readFile(dataPath("knot-export.yaml"));
        QVERIFY_RESULT(parsed);
        QVERIFY2(parsed->diagnostics.isEmpty(), qPrintable(errorsOf(parsed->diagnostics)));
        const Template& t = parsed->value;
        QCOMPARE(t.name, QStringLiteral("Ubuntu Dev"));
        QCOMPARE(t.description, QStringLiteral("Ubuntu 24.04 with the usual tools.\nSecond line."));
        QCOMPARE(t.icon, QStringLiteral("https://example.com/icons/ubuntu.svg"));
        QCOMPARE(t.platform, Platform::Docker);
        QVERIFY(t.job.startsWith(QStringLiteral("container_name: ${{ .user.username }}-${{ .space.name }}\n")));
        QVERIFY(t.job.endsWith(QStringLiteral("\n  - \"PROJECT=${{ .custom.project }}\"\n")));
        QCOMPARE(t.volumes, QStringLiteral("volumes:\n  ${{ .space.id }}-home:\n"));
        const QList<TemplatePort> ports {{QStringLiteral("web"), 8080, PortProtocol::Http},
                                         {QStringLiteral("db"), 5432, PortProtocol::Tcp}};
        QCOMPARE(t.ports, ports);
        const QList<CustomField> fields {{QStringLiteral("project"), QStringLiteral("The repository to clone")}};
        QCOMPARE(t.customFields, fields);
        TemplateFeatures features;
        features.terminal = true;
        features.codeServer = true;
        features.ssh = true;
        features.nodeMigration = true;
        QCOMPARE(t.features, features);
        QVERIFY(!t.vnc);
        QCOMPARE(t.codeServerPort, Template::DefaultCodeServerPort);
        QCOMPARE(t.pullPolicy, PullPolicy::IfMissing);
        // Fields knot writes that the desktop does not use are kept as written, comments included.
        QVERIFY(t.extraYaml.startsWith(QStringLiteral("active: true\ncompute_units: 2\nmax_uptime: 8\n")));
        QVERIFY(t.extraYaml.contains(QStringLiteral("    to: \"5:00pm\"   # office hours\n")));
        QVERIFY(t.extraYaml.contains(QStringLiteral("groups: [developers, admins]\n")));
        QVERIFY(t.extraYaml.contains(QStringLiteral("health_check_type: http\nhealth_check_config: /healthz\n")));
        QVERIFY(t.extraYaml.endsWith(QStringLiteral("startup_script: setup-tools\n")));
        QVERIFY(!t.extraYaml.contains(QStringLiteral("name: Ubuntu")));
    }

    void importsDesktopTemplate()
    {
        const auto parsed = TemplateDocument::readFile(dataPath("desktop-vnc.yaml"));
        QVERIFY_RESULT(parsed);
        QVERIFY2(parsed->diagnostics.isEmpty(), qPrintable(errorsOf(parsed->diagnostics)));
        const Template& t = parsed->value;
        QCOMPARE(t.platform, Platform::Podman);
        QVERIFY(t.vnc.has_value());
        QCOMPARE(t.vnc->port, 5901);
        QCOMPARE(t.vnc->transport, VncTransport::WebSocket);
        QCOMPARE(t.vnc->password, QStringLiteral("s3cret: yes"));
        QCOMPARE(t.codeServerPort, 8443);
        QCOMPARE(t.pullPolicy, PullPolicy::Always);
        QCOMPARE(t.ports.first().protocol, PortProtocol::Https);
        QVERIFY(t.volumes.isEmpty());
        QVERIFY(t.extraYaml.isEmpty());
    }

    void roundTripsSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("knot export") << dataPath("knot-export.yaml");
        QTest::newRow("desktop") << dataPath("desktop-vnc.yaml");
    }

    void roundTripsSamples()
    {
        QFETCH(QString, file);
        const auto parsed = TemplateDocument::readFile(file);
        QVERIFY_RESULT(parsed);
        QVERIFY(parsed->ok());
        verifyRoundTrip(parsed->value);
    }

    void roundTripsAwkwardValues_data()
    {
        QTest::addColumn<QString>("job");
        QTest::addColumn<QString>("name");
        QTest::newRow("no trailing newline") << QStringLiteral("image: x") << QStringLiteral("a");
        QTest::newRow("several trailing newlines") << QStringLiteral("image: x\n\n\n") << QStringLiteral("true");
        QTest::newRow("leading indentation") << QStringLiteral("  image: x\n") << QStringLiteral("123");
        QTest::newRow("leading blank line") << QStringLiteral("\nimage: x\n") << QStringLiteral("null");
        QTest::newRow("blank lines inside") << QStringLiteral("a: 1\n\n  \nb: 2\n") << QStringLiteral("x: y");
        QTest::newRow("tabs and quotes") << QStringLiteral("cmd: \"a\tb\" # c\n") << QStringLiteral("'q' \"d\"");
        QTest::newRow("carriage return") << QStringLiteral("a: 1\r\nb: 2\r\n") << QStringLiteral("- dash");
        QTest::newRow("only newline") << QStringLiteral("\n") << QStringLiteral("#hash");
        QTest::newRow("unicode") << QStringLiteral("name: žluťoučký 🐴\n") << QStringLiteral("ünïcode");
        QTest::newRow("document marker") << QStringLiteral("---\nimage: x\n...\n") << QStringLiteral("---");
    }

    void roundTripsAwkwardValues()
    {
        QFETCH(QString, job);
        QFETCH(QString, name);
        Template t;
        t.name = name;
        t.description = QStringLiteral("line 1\nline 2: with colon");
        t.job = job;
        t.volumes = job;
        t.platform = Platform::Manual;
        t.customFields = {{QStringLiteral("field_1"), QStringLiteral("yes")}};
        t.vnc = VncSettings {};
        t.extraYaml = QStringLiteral("zones: [a]\n");
        verifyRoundTrip(t);
    }

    void roundTripsFlowExtras()
    {
        const Template t =
            parseOk(QStringLiteral("{name: x, platform: manual, max_uptime: 3, schedule: [{from: a, to: b}]}"));
        QVERIFY(t.extraYaml.contains(QStringLiteral("max_uptime: 3")));
        QVERIFY(t.extraYaml.contains(QStringLiteral("schedule")));
        verifyRoundTrip(t);
    }

    void readsKnotConventions()
    {
        // knot omits false flags, and `features` entirely when all are off.
        Template t = parseOk(QStringLiteral("name: x\nplatform: manual\nfeatures:\n  with_ssh: true\n"));
        TemplateFeatures onlySsh;
        onlySsh.terminal = false;
        onlySsh.ssh = true;
        QCOMPARE(t.features, onlySsh);
        t = parseOk(QStringLiteral("name: x\nplatform: manual\n"));
        QCOMPARE(t.features, (TemplateFeatures {false, false, false, false, false, false}));
        // knot's key is icon_url; `icon` means the same.
        QCOMPARE(parseOk(QStringLiteral("name: x\nplatform: manual\nicon: a.svg\n")).icon, QStringLiteral("a.svg"));
        QCOMPARE(parseOk(QStringLiteral("name: x\nplatform: manual\nicon_url: b.svg\n")).icon, QStringLiteral("b.svg"));
        QVERIFY(TemplateDocument::serialize(t).contains(QStringLiteral("\nicon_url: ")));
        QVERIFY(!TemplateDocument::parse(QStringLiteral("name: x\nplatform: manual\nicon: a\nicon_url: b\n")).ok());
    }

    void acceptsJobAsMapping()
    {
        const Template t = parseOk(QStringLiteral("name: x\njob:\n  image: ubuntu\n  command: [sleep, infinity]\n"));
        QVERIFY2(t.job.contains(QStringLiteral("image: ubuntu")), qPrintable(t.job));
        QCOMPARE(t.platform, Platform::Container);
    }

    void trailingSeparatorIsStillOneDocument()
    {
        QCOMPARE(parseOk(QStringLiteral("name: x\nplatform: manual\n---\n")).name, QStringLiteral("x"));
        QVERIFY(!TemplateDocument::parse(QStringLiteral("name: x\n---\nname: y\n")).ok());
    }

    void reportsErrors_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");

        const QString job = QStringLiteral("job: |\n  image: x\n");
        QTest::newRow("syntax") << QStringLiteral("name: x\n  bad: [\n") << 2 << 0 << QString() << QString();
        QTest::newRow("missing name") << (QStringLiteral("icon: x\n") + job) << 1 << 1 << QStringLiteral("name")
                                      << QStringLiteral("name is required");
        QTest::newRow("long name") << (QStringLiteral("name: ") + QString(65, u'n') + u'\n' + job) << 1 << 7
                                   << QStringLiteral("name") << QStringLiteral("longer than 64");
        QTest::newRow("name not text") << (job + QStringLiteral("name: [a, b]\n")) << 3 << 7 << QStringLiteral("name")
                                       << QStringLiteral("expected a text value");
        QTest::newRow("platform") << (QStringLiteral("name: x\nplatform: kubernetes\n") + job) << 2 << 11
                                  << QStringLiteral("platform") << QStringLiteral("\"kubernetes\" is not one of");
        QTest::newRow("job required") << QStringLiteral("name: x\nplatform: docker\n") << 1 << 1
                                      << QStringLiteral("job") << QStringLiteral("job is required");
        QTest::newRow("ports not a list") << (QStringLiteral("name: x\n") + job + QStringLiteral("ports: 80\n")) << 4
                                          << 8 << QStringLiteral("ports") << QStringLiteral("expected a list");
        QTest::newRow("port range") << (QStringLiteral("name: x\n") + job
                                        + QStringLiteral("ports:\n  - name: web\n    port: 70000\n"))
                                    << 6 << 11 << QStringLiteral("ports[0].port")
                                    << QStringLiteral("port 70000 is out of range");
        QTest::newRow("port not a number")
            << (QStringLiteral("name: x\n") + job + QStringLiteral("ports:\n  - name: web\n    port: http\n")) << 6
            << 11 << QStringLiteral("ports[0].port") << QStringLiteral("expected a whole number");
        QTest::newRow("port name") << (QStringLiteral("name: x\n") + job
                                       + QStringLiteral("ports:\n  - {name: \"a=b\", port: 80}\n"))
                                   << 5 << 12 << QStringLiteral("ports[0].name")
                                   << QStringLiteral("must not contain \"=\" or \",\"");
        QTest::newRow("port protocol") << (QStringLiteral("name: x\n") + job
                                           + QStringLiteral("ports:\n  - {name: a, port: 80, protocol: udp}\n"))
                                       << 5 << 35 << QStringLiteral("ports[0].protocol")
                                       << QStringLiteral("\"udp\" is not one of http, https or tcp");
        QTest::newRow("custom field name")
            << (QStringLiteral("name: x\n") + job + QStringLiteral("custom_fields:\n  - name: 1abc\n")) << 5 << 11
            << QStringLiteral("custom_fields[0].name") << QStringLiteral("\"1abc\" is not a valid custom field name");
        QTest::newRow("custom field description")
            << (QStringLiteral("name: x\n") + job + QStringLiteral("custom_fields:\n  - name: ab\n    description: ")
                + QString(257, u'd') + u'\n')
            << 6 << 18 << QStringLiteral("custom_fields[0].description") << QStringLiteral("longer than 256");
        QTest::newRow("feature not bool")
            << (QStringLiteral("name: x\n") + job + QStringLiteral("features:\n  with_ssh: maybe\n")) << 5 << 13
            << QStringLiteral("features.with_ssh") << QStringLiteral("expected true or false");
        QTest::newRow("vnc transport") << (QStringLiteral("name: x\n") + job
                                           + QStringLiteral("vnc:\n  port: 5900\n  transport: spice\n"))
                                       << 6 << 14 << QStringLiteral("vnc.transport")
                                       << QStringLiteral("\"spice\" is not one of rfb or websocket");
        QTest::newRow("vnc port") << (QStringLiteral("name: x\n") + job + QStringLiteral("vnc: {port: 0}\n")) << 4 << 13
                                  << QStringLiteral("vnc.port") << QStringLiteral("VNC port 0 is out of range");
        QTest::newRow("vnc not a map") << (QStringLiteral("name: x\n") + job + QStringLiteral("vnc: [1]\n")) << 4 << 6
                                       << QStringLiteral("vnc") << QStringLiteral("expected a mapping");
        QTest::newRow("code server port")
            << (QStringLiteral("name: x\n") + job + QStringLiteral("code_server_port: 99999\n")) << 4 << 19
            << QStringLiteral("code_server_port") << QStringLiteral("out of range");
        QTest::newRow("pull policy") << (QStringLiteral("name: x\n") + job + QStringLiteral("pull_policy: sometimes\n"))
                                     << 4 << 14 << QStringLiteral("pull_policy") << QStringLiteral("\"sometimes\"");
        QTest::newRow("duplicate key") << (QStringLiteral("name: x\n") + job + QStringLiteral("name: y\n")) << 4 << 1
                                       << QStringLiteral("name") << QStringLiteral("duplicate key \"name\"");
        QTest::newRow("several documents") << (QStringLiteral("name: x\n") + job + QStringLiteral("---\nname: y\n"))
                                           << 5 << 1 << QString() << QStringLiteral("one YAML document");
        QTest::newRow("not a mapping") << QStringLiteral("- a\n- b\n") << 1 << 1 << QString()
                                       << QStringLiteral("expected a mapping");
    }

    void reportsErrors()
    {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const auto parsed = TemplateDocument::parse(yaml);
        QVERIFY(!parsed.ok());
        const Diagnostics& d = parsed.diagnostics;
        QCOMPARE(d.size(), 1);
        QVERIFY2(d.first().message.contains(message), qPrintable(errorsOf(d)));
        QCOMPARE(d.first().line, line);
        if (column > 0) {
            QCOMPARE(d.first().column, column);
        }
        QCOMPARE(d.first().field, field);
    }

    void reportsEveryError()
    {
        const auto parsed = TemplateDocument::parse(
            QStringLiteral("name: \"\"\nplatform: docker\nports:\n  - {name: a, port: 0}\n  - {name: b, port: -1}\n"
                           "custom_fields:\n  - name: x\n"));
        QCOMPARE(parsed.diagnostics.size(), 5);
        QList<int> lines;
        for (const auto& d : parsed.diagnostics) {
            lines.append(d.line);
        }
        QCOMPARE(lines, (QList<int> {1, 1, 4, 5, 7}));
    }

    void unknownNestedKeysAreWarnings()
    {
        const auto parsed = TemplateDocument::parse(
            QStringLiteral("name: x\nplatform: manual\nfeatures:\n  with_node_migration: true\n"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.diagnostics.size(), 1);
        QCOMPARE(parsed.diagnostics.first().severity, Diagnostic::Severity::Warning);
        QCOMPARE(parsed.diagnostics.first().line, 4);
        QCOMPARE(parsed.diagnostics.first().field, QStringLiteral("features.with_node_migration"));
    }

    void validateFieldsWithoutPositions()
    {
        Template t;
        t.platform = Platform::Docker;
        t.ports = {{QStringLiteral("a,b"), 80, PortProtocol::Http}};
        t.customFields = {{QStringLiteral("dup"), {}}, {QStringLiteral("dup"), {}}};
        const Diagnostics diagnostics = TemplateDocument::validateFields(t);
        QStringList fields;
        for (const auto& d : diagnostics) {
            QCOMPARE(d.line, 0);
            fields.append(d.field);
        }
        QCOMPARE(fields,
                 (QStringList {QStringLiteral("name"),
                               QStringLiteral("job"),
                               QStringLiteral("ports[0].name"),
                               QStringLiteral("custom_fields[1].name")}));
        t.name = QStringLiteral("ok");
        t.platform = Platform::Manual;
        t.ports.clear();
        t.customFields.clear();
        QVERIFY(TemplateDocument::validateFields(t).isEmpty());
    }

    void writesAndReadsFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Template t = TemplateDocument::parse(QStringLiteral("name: x\nplatform: manual\n")).value;
        const QString path = dir.filePath(QStringLiteral("t.yaml"));
        QVERIFY_RESULT(TemplateDocument::writeFile(t, path));
        const auto read = TemplateDocument::readFile(path);
        QVERIFY_RESULT(read);
        QCOMPARE(read->value, t);
        QVERIFY(!TemplateDocument::readFile(dir.filePath(QStringLiteral("missing.yaml"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestTemplateDocument)
#include "tst_templatedocument.moc"
