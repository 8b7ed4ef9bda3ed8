#include "clirun.h"
#include "testutils.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

// Drives the real knot-cli binary on a temporary database: template and var commands.
class TestCliTemplates : public QObject
{
    Q_OBJECT

    using Run = KnotTest::CliRun;

    Run cli(const QStringList& arguments)
    {
        QProcess process;
        process.setProgram(QStringLiteral(KNOT_CLI_PATH));
        process.setArguments(QStringList {QStringLiteral("--db"), m_db} + arguments);
        return KnotTest::runCli(process, 60000);
    }

    QString write(const QString& name, const QString& text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(text.toUtf8());
        }
        return path;
    }

    static QString data(const char* name)
    {
        return QStringLiteral(KNOT_SOURCE_DIR "/tests/data/templates/") + QString::fromUtf8(name);
    }

    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void init() { m_db = m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromUtf8(QTest::currentTestFunction()))); }

    void importListShowExportRoundTrip()
    {
        auto run = cli({QStringLiteral("template"), QStringLiteral("import"), data("knot-export.yaml")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cli({QStringLiteral("--json"), QStringLiteral("template"), QStringLiteral("list")});
        QCOMPARE(run.exitCode, 0);
        const auto list = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        const QString name = list.first().toObject().value(QStringLiteral("name")).toString();
        QCOMPARE(name, QStringLiteral("Ubuntu Dev"));

        run = cli({QStringLiteral("template"), QStringLiteral("show"), name});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("registry.example.com/dev/ubuntu:24.04")));

        const QString exported = m_dir.filePath(QStringLiteral("exported.yaml"));
        run = cli({QStringLiteral("template"), QStringLiteral("export"), name, QStringLiteral("-o"), exported});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // The same name is taken: a second import is a conflict, under another name it works.
        run = cli({QStringLiteral("template"), QStringLiteral("import"), exported});
        QCOMPARE(run.exitCode, 5);
        run = cli({QStringLiteral("template"),
                   QStringLiteral("import"),
                   exported,
                   QStringLiteral("--name"),
                   QStringLiteral("Copy")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto original = cli({QStringLiteral("template"), QStringLiteral("export"), name}).out;
        auto copy = cli({QStringLiteral("template"), QStringLiteral("export"), QStringLiteral("Copy")}).out;
        copy.replace(QStringLiteral("name: Copy"), QStringLiteral("name: Ubuntu Dev"));
        QCOMPARE(copy, original);

        run = cli({QStringLiteral("template"), QStringLiteral("delete"), QStringLiteral("Copy")});
        QCOMPARE(run.exitCode, 0);
        run = cli({QStringLiteral("template"), QStringLiteral("show"), QStringLiteral("Copy")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.err.startsWith(QStringLiteral("knot-cli: ")));
    }

    void validateNamesFieldLineAndColumn()
    {
        const QString job = write(QStringLiteral("job.yaml"),
                                  QStringLiteral("image: busybox\nimgae: typo\nports:\n  - \"80:70000\"\n"));
        auto run = cli({QStringLiteral("template"), QStringLiteral("validate"), QStringLiteral("--spec"), job});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(job + QStringLiteral(":2:1: error: imgae: unknown field \"imgae\"")),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(job + QStringLiteral(":4:5: error: ports[0]: port \"70000\"")), qPrintable(run.err));

        // Inside a template document the line is the file's line, not the block's.
        const QString document = write(QStringLiteral("template.yaml"),
                                       QStringLiteral("name: broken\n"
                                                      "platform: docker\n"
                                                      "job: |\n"
                                                      "  image: busybox\n"
                                                      "  memory: lots\n"
                                                      "ports:\n"
                                                      "  - name: web\n"
                                                      "    port: 99999\n"
                                                      "    protocol: http\n"));
        run = cli({QStringLiteral("template"), QStringLiteral("validate"), document});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(document + QStringLiteral(":5:11: error: job.memory:")), qPrintable(run.err));
        QVERIFY2(run.err.contains(document + QStringLiteral(":8:")), qPrintable(run.err));

        run = cli({QStringLiteral("template"), QStringLiteral("validate"), data("desktop-vnc.yaml")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // A broken template is never imported.
        run = cli({QStringLiteral("template"), QStringLiteral("import"), document});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(cli({QStringLiteral("template"), QStringLiteral("list")}).out.count(u'\n'), 1);
    }

    void renderWithVariables()
    {
        auto run = cli({QStringLiteral("var"),
                        QStringLiteral("set"),
                        QStringLiteral("registry"),
                        QStringLiteral("registry.local")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString job = write(QStringLiteral("render.yaml"),
                                  QStringLiteral("image: ${{ .var.registry }}/dev\n"
                                                 "hostname: ${{ .space.name | toUpper }}\n"
                                                 "environment: [\"P=${{ .custom.project }}\"]\n"));
        run = cli({QStringLiteral("template"),
                   QStringLiteral("render"),
                   QStringLiteral("--spec"),
                   job,
                   QStringLiteral("--set"),
                   QStringLiteral("space.name=dev"),
                   QStringLiteral("--set"),
                   QStringLiteral("custom.project=knot")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, QStringLiteral("image: registry.local/dev\nhostname: DEV\nenvironment: [\"P=knot\"]\n"));

        const QString broken =
            write(QStringLiteral("broken.yaml"), QStringLiteral("image: x\nhostname: ${{ .space.nmae }}\n"));
        run = cli({QStringLiteral("template"), QStringLiteral("render"), QStringLiteral("--spec"), broken});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(broken + QStringLiteral(":2:")), qPrintable(run.err));
        QVERIFY(!run.out.contains(QStringLiteral("<no value>")));
    }

    void variables()
    {
        QCOMPARE(cli({QStringLiteral("var"),
                      QStringLiteral("set"),
                      QStringLiteral("token"),
                      QStringLiteral("abc"),
                      QStringLiteral("--secret")})
                     .exitCode,
                 0);
        auto run = cli({QStringLiteral("var"), QStringLiteral("list")});
        QVERIFY(run.out.contains(QStringLiteral("token")));
        QVERIFY(!run.out.contains(QStringLiteral("abc")));
        QCOMPARE(cli({QStringLiteral("var"), QStringLiteral("delete"), QStringLiteral("token")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("var"), QStringLiteral("delete"), QStringLiteral("token")}).exitCode, 4);
        QCOMPARE(
            cli({QStringLiteral("var"), QStringLiteral("set"), QStringLiteral("9lives"), QStringLiteral("x")}).exitCode,
            3);
    }

    void usageErrors()
    {
        QCOMPARE(cli({QStringLiteral("template")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("template"), QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("template"), QStringLiteral("validate")}).exitCode, 2);
    }

    void helpForGroupsAndCommands()
    {
        // A group's --help lists only its commands, on stdout.
        const Run group = cli({QStringLiteral("space"), QStringLiteral("--help")});
        QCOMPARE(group.exitCode, 0);
        QVERIFY2(group.out.contains(QStringLiteral("space create NAME")), qPrintable(group.out));
        QVERIFY(!group.out.contains(QStringLiteral("template import")));
        // The group alone is a usage error that still says what it offers.
        const Run bare = cli({QStringLiteral("engine")});
        QCOMPARE(bare.exitCode, 2);
        QVERIFY2(bare.err.contains(QStringLiteral("engine add")), qPrintable(bare.err));
        // A command's --help names the command and its options, without Qt's own.
        const Run command = cli({QStringLiteral("space"), QStringLiteral("create"), QStringLiteral("--help")});
        QCOMPARE(command.exitCode, 0);
        QVERIFY2(command.out.startsWith(QStringLiteral("Usage: knot-cli space create [options] name")),
                 qPrintable(command.out));
        QVERIFY(command.out.contains(QStringLiteral("--template <template>")));
        QVERIFY(!command.out.contains(QStringLiteral("--help-all")));
        QCOMPARE(cli({QStringLiteral("template"), QStringLiteral("show"), QStringLiteral("-h")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliTemplates)
#include "tst_clitemplates.moc"
