#include "core/template/templateresolver.h"
#include "core/template/variablecontext.h"
#include "testutils.h"

using namespace Knot;

class TestTemplateResolver : public QObject
{
    Q_OBJECT

    static Template sample()
    {
        Template tmpl;
        tmpl.id = QStringLiteral("11111111-2222-4333-8444-555555555555");
        tmpl.name = QStringLiteral("dev");
        tmpl.job = QStringLiteral("image: busybox\n"
                                  "hostname: ${{ .space.name }}\n"
                                  "volumes: [\"${{ .space.id }}-home:/home\"]\n"
                                  "environment: [\"P=${{ .custom.project | toUpper }}\"]\n");
        tmpl.volumes =
            QStringLiteral("volumes:\n  ${{ .space.id }}-home:\npaths: [\"/tmp/knot-${{ .space.name }}\"]\n");
        tmpl.customFields = {{QStringLiteral("project"), QStringLiteral("repo")}};
        return tmpl;
    }

private Q_SLOTS:
    void resolvesJobAndVolumes()
    {
        Space space;
        space.id = QStringLiteral("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        space.name = QStringLiteral("web");
        space.customFields.insert(QStringLiteral("project"), QStringLiteral("knot"));
        const Template tmpl = sample();
        const VariableContext context(tmpl, space, UserInfo {QStringLiteral("alice"), {}, {}, {}});
        const auto resolved = TemplateResolver::resolve(tmpl, context);
        QVERIFY(resolved.ok());
        QCOMPARE(resolved.value.spec.hostname, QStringLiteral("web"));
        QCOMPARE(resolved.value.spec.volumes.first().source, space.id + QStringLiteral("-home"));
        QCOMPARE(resolved.value.spec.environment, QStringList {QStringLiteral("P=KNOT")});
        QCOMPARE(resolved.value.volumes.volumes.first().name, space.id + QStringLiteral("-home"));
        QCOMPARE(resolved.value.volumes.paths, QStringList {QStringLiteral("/tmp/knot-web")});
    }

    void linesPointIntoTheSource()
    {
        Template tmpl = sample();
        // The `if` block drops two lines from the output; the error on the last line must still
        // name line 6 of what the user wrote.
        tmpl.job = QStringLiteral("image: busybox\n"
                                  "${{ if eq .space.name \"never\" }}\n"
                                  "privileged: true\n"
                                  "${{ end }}\n"
                                  "hostname: ok\n"
                                  "cpus: many\n");
        const auto diagnostics = TemplateResolver::validate(tmpl);
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().field, QStringLiteral("job.cpus"));
        QCOMPARE(diagnostics.first().line, 6);
        QCOMPARE(diagnostics.first().column, 7);
    }

    void variableErrorsAndUndeclaredVolumes()
    {
        Template tmpl = sample();
        tmpl.job = QStringLiteral("image: ${{ .space.nmae }}\nvolumes: [\"cache:/cache\"]\n");
        auto diagnostics = TemplateResolver::validate(tmpl);
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().line, 1);
        QVERIFY(diagnostics.first().field.startsWith(QStringLiteral("job")));

        tmpl.job = QStringLiteral("image: busybox\nvolumes: [\"cache:/cache\"]\n");
        diagnostics = TemplateResolver::validate(tmpl);
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().field, QStringLiteral("job.volumes[0]"));
        QVERIFY(diagnostics.first().message.contains(QStringLiteral("not declared")));
    }

    void sharedVolumeIsAWarning()
    {
        Template tmpl = sample();
        tmpl.job = QStringLiteral("image: busybox\nvolumes: [\"cache:/cache\"]\n");
        tmpl.volumes = QStringLiteral("volumes:\n  cache:\n");
        const auto diagnostics = TemplateResolver::validate(tmpl);
        QCOMPARE(diagnostics.size(), 1);
        QVERIFY(!diagnostics.first().isError());
        QCOMPARE(diagnostics.first().line, 2);
    }
};

QTEST_GUILESS_MAIN(TestTemplateResolver)
#include "tst_templateresolver.moc"
