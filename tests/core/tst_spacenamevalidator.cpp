#include "core/template/spacenamevalidator.h"

#include "testutils.h"

using namespace Knot;

class TestSpaceNameValidator : public QObject
{
    Q_OBJECT

private:
    static Space space(const QString& id, const QString& name, QList<AdditionalName> additional = {})
    {
        Space s;
        s.id = id;
        s.name = name;
        s.additionalNames = std::move(additional);
        return s;
    }

    static Template webTemplate()
    {
        Template t;
        t.ports = {{QStringLiteral("web"), 8080, PortProtocol::Http},
                   {QStringLiteral("secure"), 8443, PortProtocol::Https},
                   {QStringLiteral("db"), 5432, PortProtocol::Tcp}};
        return t;
    }

    static SpaceNameValidator validator()
    {
        return SpaceNameValidator(
            {space(QStringLiteral("1"), QStringLiteral("Alpha")),
             space(QStringLiteral("2"), QStringLiteral("beta"), {{QStringLiteral("beta-docs"), 8080}})});
    }

private Q_SLOTS:
    void format_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << QStringLiteral("dev") << true;
        QTest::newRow("two chars") << QStringLiteral("ab") << true;
        QTest::newRow("digits and hyphen") << QStringLiteral("dev-2") << true;
        QTest::newRow("upper case") << QStringLiteral("DevBox") << true;
        QTest::newRow("64 chars") << (u'a' + QString(63, u'b')) << true;
        QTest::newRow("65 chars") << (u'a' + QString(64, u'b')) << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("one char") << QStringLiteral("a") << false;
        QTest::newRow("starts with digit") << QStringLiteral("1dev") << false;
        QTest::newRow("starts with hyphen") << QStringLiteral("-dev") << false;
        QTest::newRow("double hyphen") << QStringLiteral("dev--box") << false;
        QTest::newRow("underscore") << QStringLiteral("dev_box") << false;
        QTest::newRow("dot") << QStringLiteral("dev.box") << false;
        QTest::newRow("space") << QStringLiteral("dev box") << false;
        QTest::newRow("non-ascii letter") << QStringLiteral("dév") << false;
        QTest::newRow("trailing hyphen") << QStringLiteral("dev-") << true;
    }

    void format()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        const VoidResult result = SpaceNameValidator::checkFormat(name);
        QCOMPARE(result.ok(), valid);
        if (!valid && !name.isEmpty()) {
            QVERIFY2(result.error().message.contains(name), qPrintable(result.error().message));
        }
    }

    void uniqueness_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("spaceId");
        QTest::addColumn<bool>("valid");
        QTest::newRow("free") << QStringLiteral("gamma") << QString() << true;
        QTest::newRow("taken") << QStringLiteral("Alpha") << QString() << false;
        QTest::newRow("taken other case") << QStringLiteral("ALPHA") << QString() << false;
        QTest::newRow("additional name taken") << QStringLiteral("Beta-Docs") << QString() << false;
        QTest::newRow("own name") << QStringLiteral("alpha") << QStringLiteral("1") << true;
        QTest::newRow("own additional name") << QStringLiteral("beta-docs") << QStringLiteral("2") << true;
        QTest::newRow("other's name when editing") << QStringLiteral("beta") << QStringLiteral("1") << false;
    }

    void uniqueness()
    {
        QFETCH(QString, name);
        QFETCH(QString, spaceId);
        QFETCH(bool, valid);
        const VoidResult result = validator().checkName(name, spaceId);
        QCOMPARE(result.ok(), valid);
        if (!valid) {
            QCOMPARE(result.error().kind, Error::Kind::Conflict);
            QVERIFY(result.error().message.contains(name));
        }
    }

    void validSpace()
    {
        Space s = space(QStringLiteral("3"),
                        QStringLiteral("gamma"),
                        {{QStringLiteral("gamma-web"), 8080}, {QStringLiteral("gamma-tls"), 8443}});
        s.shell = QStringLiteral("zsh");
        const Diagnostics diagnostics = validator().validate(s, webTemplate());
        QVERIFY2(diagnostics.isEmpty(), qPrintable(diagnostics.value(0).toString()));
    }

    void everyProblemNamed()
    {
        Space s = space(QStringLiteral("3"),
                        QStringLiteral("alpha"),
                        {{QStringLiteral("x--y"), 8080},
                         {QStringLiteral("Gamma"), 5432},
                         {QStringLiteral("GAMMA"), 8080},
                         {QStringLiteral("ALPHA"), 9999}});
        s.shell = QStringLiteral("csh");
        const Diagnostics diagnostics = validator().validate(s, webTemplate());
        QStringList fields;
        for (const Diagnostic& d : diagnostics) {
            fields.append(d.field + u'=' + d.message);
        }
        const QString all = fields.join(u'\n');
        QCOMPARE(diagnostics.size(), 7);
        QVERIFY2(all.contains(QStringLiteral("name=The name \"alpha\" is already used")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("additionalNames[0].name=\"x--y\"")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("additionalNames[1].port=\"Gamma\" must be bound")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("additionalNames[2].name=The name \"GAMMA\" is given twice")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("additionalNames[3].name=The name \"ALPHA\" is already used")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("additionalNames[3].port=\"ALPHA\" must be bound")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("shell=\"csh\" is not a supported shell")), qPrintable(all));
    }

    void additionalNameSameAsOwnName()
    {
        const Space s = space(QStringLiteral("3"), QStringLiteral("gamma"), {{QStringLiteral("Gamma"), 8080}});
        const Diagnostics diagnostics = validator().validate(s, webTemplate());
        QCOMPARE(diagnostics.size(), 1);
        QCOMPARE(diagnostics.first().field, QStringLiteral("additionalNames[0].name"));
    }

    void shells()
    {
        for (const char* shell : {"bash", "zsh", "fish", "sh"}) {
            QVERIFY_RESULT(SpaceNameValidator::checkShell(QString::fromUtf8(shell)));
        }
        QVERIFY(!SpaceNameValidator::checkShell(QStringLiteral("tcsh")).ok());
        QVERIFY(!SpaceNameValidator::checkShell(QString()).ok());
    }
};

QTEST_GUILESS_MAIN(TestSpaceNameValidator)
#include "tst_spacenamevalidator.moc"
