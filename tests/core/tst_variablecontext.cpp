#include "core/template/variablecontext.h"

#include "testutils.h"

using namespace Knot;

class TestVariableContext : public QObject
{
    Q_OBJECT

private:
    static Template sampleTemplate()
    {
        Template t;
        t.id = QStringLiteral("tmpl-1");
        t.name = QStringLiteral("Ubuntu");
        t.customFields = {{QStringLiteral("project"), QString()}, {QStringLiteral("branch"), QString()}};
        return t;
    }

private Q_SLOTS:
    void buildsTheDataTree()
    {
        Space space;
        space.id = QStringLiteral("space-1");
        space.name = QStringLiteral("dev");
        space.everStarted = true;
        space.customFields = {{QStringLiteral("project"), QStringLiteral("knot")}};
        const UserInfo user {
            QStringLiteral("alice"), QStringLiteral("a@example.com"), QStringLiteral("UTC"), QStringLiteral("secret")};
        const VariableContext context(
            sampleTemplate(), space, user, {{QStringLiteral("registry"), QStringLiteral("r.io")}});
        const RenderResult result = context.render(
            QStringLiteral("${{ .space.id }} ${{ .space.name }} ${{ .space.first_boot }} ${{ .template.id }} "
                           "${{ .template.name }} ${{ .user.username }} ${{ .user.email }} ${{ .user.timezone }} "
                           "${{ .user.service_password }} ${{ .custom.project }} [${{ .custom.branch }}] "
                           "[${{ .custom.undeclared }}] ${{ .var.registry }}"));
        QVERIFY2(result.ok(), qPrintable(result.diagnostics.value(0).toString()));
        QCOMPARE(result.text,
                 QStringLiteral("space-1 dev false tmpl-1 Ubuntu alice a@example.com UTC secret knot [] [] r.io"));
    }

    void firstBootBeforeFirstStart()
    {
        const VariableContext context(sampleTemplate(), Space(), UserInfo());
        QCOMPARE(context.render(QStringLiteral("${{ if .space.first_boot }}init${{ end }}")).text,
                 QStringLiteral("init"));
    }

    void unknownVariableIsAnError()
    {
        const VariableContext context(sampleTemplate(), Space(), UserInfo());
        const RenderResult result = context.render(QStringLiteral("${{ .var.nope }}"), QStringLiteral("job"));
        QVERIFY(!result.ok());
        QCOMPARE(result.diagnostics.first().field, QStringLiteral("job"));
    }

    void userFromSystem()
    {
        qputenv("USER", "knot-test-user");
        const UserInfo user = UserInfo::fromSystem();
        QCOMPARE(user.username, QStringLiteral("knot-test-user"));
        QVERIFY(!user.timezone.isEmpty());
    }

    void previewHasPlaceholders()
    {
        const auto context = VariableContext::previewContext(sampleTemplate());
        QVERIFY_RESULT(context);
        const RenderResult result = context->render(
            QStringLiteral("${{ .space.id }}|${{ .space.name }}|${{ .template.name }}|${{ .user.username }}|"
                           "${{ .user.service_password }}|${{ .custom.project }}"));
        QVERIFY(result.ok());
        const QStringList parts = result.text.split(u'|');
        QCOMPARE(parts.size(), 6);
        for (int i = 0; i < 5; ++i) {
            QVERIFY2(!parts.at(i).isEmpty(), qPrintable(result.text));
        }
        QCOMPARE(parts.at(2), QStringLiteral("Ubuntu"));
    }

    void previewOverrides()
    {
        const auto context = VariableContext::previewContext(sampleTemplate(),
                                                             {QStringLiteral("space.name=box"),
                                                              QStringLiteral("custom.project=x=y"),
                                                              QStringLiteral("space.first_boot=false"),
                                                              QStringLiteral("var.tag=1.0")});
        QVERIFY_RESULT(context);
        QCOMPARE(context
                     ->render(QStringLiteral("${{ .space.name }} ${{ .custom.project }} ${{ .space.first_boot }} "
                                             "${{ .var.tag }}"))
                     .text,
                 QStringLiteral("box x=y false 1.0"));
    }

    void badOverrides_data()
    {
        QTest::addColumn<QString>("override");
        QTest::newRow("no value") << QStringLiteral("space.name");
        QTest::newRow("unknown group") << QStringLiteral("spaces.name=x");
        QTest::newRow("unknown key") << QStringLiteral("space.nmae=x");
        QTest::newRow("too deep") << QStringLiteral("custom.a.b=x");
        QTest::newRow("bad bool") << QStringLiteral("space.first_boot=yes");
    }

    void badOverrides()
    {
        QFETCH(QString, override);
        const auto context = VariableContext::previewContext(sampleTemplate(), {override});
        QVERIFY(!context.ok());
        QVERIFY2(context.error().message.contains(override.section(u'=', 0, 0)), qPrintable(context.error().message));
    }
};

QTEST_GUILESS_MAIN(TestVariableContext)
#include "tst_variablecontext.moc"
