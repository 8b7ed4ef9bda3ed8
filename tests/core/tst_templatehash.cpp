#include "core/template/templatehash.h"

#include <QTest>

#include <functional>

using namespace Knot;

class TestTemplateHash : public QObject
{
    Q_OBJECT

private:
    static Template sample()
    {
        Template t;
        t.id = QStringLiteral("5b0c1a4e-0000-4000-8000-000000000001");
        t.name = QStringLiteral("Ubuntu");
        t.description = QStringLiteral("A dev box");
        t.icon = QStringLiteral("ubuntu");
        t.platform = Platform::Docker;
        t.job = QStringLiteral("image: ubuntu:24.04\ncommand: [sleep, infinity]\n");
        t.volumes = QStringLiteral("volumes:\n  ${{ .space.id }}-home:\n");
        t.ports = {{QStringLiteral("web"), 8080, PortProtocol::Http}};
        t.customFields = {{QStringLiteral("project"), QStringLiteral("The project to clone")}};
        t.features.codeServer = true;
        return t;
    }

    using Change = std::function<void(Template&)>;

private Q_SLOTS:
    void isStable()
    {
        // Fixed expectation: a change here breaks "Update Available" for every existing space.
        QCOMPARE(TemplateHash::compute(sample()),
                 QStringLiteral("7c77e50f173da14c4d2d97ef17bf94f2e588f8340d7be83c621e13246a6d7c5b"));
        QCOMPARE(TemplateHash::compute(sample()), TemplateHash::compute(sample()));
        QCOMPARE(TemplateHash::compute(sample()).size(), 64);
    }

    void coveredFieldsChangeIt_data()
    {
        QTest::addColumn<Change>("change");
        QTest::newRow("job") << Change([](Template& t) { t.job += u' '; });
        QTest::newRow("volumes") << Change([](Template& t) { t.volumes.clear(); });
        QTest::newRow("platform") << Change([](Template& t) { t.platform = Platform::Podman; });
        QTest::newRow("terminal") << Change([](Template& t) { t.features.terminal = false; });
        QTest::newRow("code server") << Change([](Template& t) { t.features.codeServer = false; });
        QTest::newRow("vscode tunnel") << Change([](Template& t) { t.features.vscodeTunnel = true; });
        QTest::newRow("ssh") << Change([](Template& t) { t.features.ssh = true; });
        QTest::newRow("run command") << Change([](Template& t) { t.features.runCommand = true; });
        QTest::newRow("node migration") << Change([](Template& t) { t.features.nodeMigration = true; });
        QTest::newRow("custom field name")
            << Change([](Template& t) { t.customFields[0].name = QStringLiteral("repo"); });
        QTest::newRow("custom field description")
            << Change([](Template& t) { t.customFields[0].description = QStringLiteral("Other"); });
        QTest::newRow("custom field added") << Change([](Template& t) {
            t.customFields.append({QStringLiteral("branch"), QString()});
        });
        QTest::newRow("custom fields removed") << Change([](Template& t) { t.customFields.clear(); });
        // Length prefixes keep field boundaries: moving text from job to volumes is a change.
        QTest::newRow("boundary") << Change([](Template& t) {
            t.volumes.prepend(t.job.right(1));
            t.job.chop(1);
        });
    }

    void coveredFieldsChangeIt()
    {
        QFETCH(Change, change);
        Template changed = sample();
        change(changed);
        QVERIFY(TemplateHash::compute(changed) != TemplateHash::compute(sample()));
    }

    void otherFieldsDoNot_data()
    {
        QTest::addColumn<Change>("change");
        QTest::newRow("id") << Change([](Template& t) { t.id = QStringLiteral("other"); });
        QTest::newRow("name") << Change([](Template& t) { t.name = QStringLiteral("Debian"); });
        QTest::newRow("description") << Change([](Template& t) { t.description.clear(); });
        QTest::newRow("icon") << Change([](Template& t) { t.icon = QStringLiteral("debian"); });
        QTest::newRow("ports") << Change([](Template& t) { t.ports.clear(); });
        QTest::newRow("extra yaml") << Change([](Template& t) { t.extraYaml = QStringLiteral("max_uptime: 3\n"); });
        QTest::newRow("dates") << Change([](Template& t) { t.updatedAt = QDateTime::currentDateTimeUtc(); });
    }

    void otherFieldsDoNot()
    {
        QFETCH(Change, change);
        Template changed = sample();
        change(changed);
        QCOMPARE(TemplateHash::compute(changed), TemplateHash::compute(sample()));
    }
};

QTEST_GUILESS_MAIN(TestTemplateHash)
#include "tst_templatehash.moc"
