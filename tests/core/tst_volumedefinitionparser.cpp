#include "core/template/volumedefinitionparser.h"
#include "testutils.h"

#include <QDir>

using namespace Knot;

class TestVolumeDefinitionParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesVolumesAndPaths()
    {
        const auto parsed = VolumeDefinitionParser::parse(QStringLiteral("volumes:\n"
                                                                         "  abc-home:\n"
                                                                         "  abc-data:\n"
                                                                         "    size: 20G\n"
                                                                         "paths:\n"
                                                                         "  - ~/knot-workspace\n"
                                                                         "  - /srv/knot/abc\n"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value.volumes.size(), 2);
        QCOMPARE(parsed.value.volumes.at(0), (VolumeDefinition::Volume {QStringLiteral("abc-home"), 0}));
        QCOMPARE(parsed.value.volumes.at(1).sizeBytes, qint64(20) << 30);
        QCOMPARE(parsed.value.paths,
                 (QStringList {QStringLiteral("~/knot-workspace"), QStringLiteral("/srv/knot/abc")}));
    }

    void emptyIsValid()
    {
        QVERIFY(VolumeDefinitionParser::parse({}).ok());
        QVERIFY(VolumeDefinitionParser::parse(QStringLiteral("volumes:\npaths:\n")).ok());
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown top key") << QStringLiteral("volume:\n  a:\n") << 1 << QStringLiteral("unknown field");
        QTest::newRow("bad name") << QStringLiteral("volumes:\n  -bad:\n") << 2
                                  << QStringLiteral("is not a valid volume name");
        QTest::newRow("duplicate") << QStringLiteral("volumes:\n  a:\n  a:\n") << 3 << QStringLiteral("duplicate key");
        QTest::newRow("bad size") << QStringLiteral("volumes:\n  a:\n    size: big\n") << 3
                                  << QStringLiteral("is not a size");
        QTest::newRow("unknown option") << QStringLiteral("volumes:\n  a:\n    driver: local\n") << 3
                                        << QStringLiteral("unknown field \"driver\"");
        QTest::newRow("volume value string")
            << QStringLiteral("volumes:\n  a: yes\n") << 2 << QStringLiteral("expected nothing or a mapping");
        QTest::newRow("relative path") << QStringLiteral("paths:\n  - work\n") << 2
                                       << QStringLiteral("is not an absolute path");
        QTest::newRow("root path") << QStringLiteral("paths:\n  - /\n") << 2
                                   << QStringLiteral("cannot be a managed path");
        QTest::newRow("home path") << QStringLiteral("paths:\n  - ~/\n") << 2
                                   << QStringLiteral("cannot be a managed path");
        QTest::newRow("working dir") << QStringLiteral("paths:\n  - %1\n").arg(QDir::currentPath()) << 2
                                     << QStringLiteral("cannot be a managed path");
        QTest::newRow("above home") << QStringLiteral("paths:\n  - ~/..\n") << 2
                                    << QStringLiteral("cannot be a managed path");
        QTest::newRow("above working dir") << QStringLiteral("paths:\n  - %1/..\n").arg(QDir::currentPath()) << 2
                                           << QStringLiteral("cannot be a managed path");
        QTest::newRow("paths string") << QStringLiteral("paths: /a\n") << 1
                                      << QStringLiteral("expected a list of strings");
        QTest::newRow("twice") << QStringLiteral("paths: [/a, /a]\n") << 1 << QStringLiteral("listed twice");
    }

    void invalid()
    {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        QFETCH(QString, message);
        const auto parsed = VolumeDefinitionParser::parse(yaml);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.diagnostics.size(), 1);
        QVERIFY2(parsed.diagnostics.first().message.contains(message),
                 qPrintable(parsed.diagnostics.first().toString()));
        QCOMPARE(parsed.diagnostics.first().line, line);
    }

    void sharedVolumesWarn()
    {
        const auto warnings = VolumeDefinitionParser::sharedVolumeWarnings(
            QStringLiteral("volumes:\n  ${{ .space.id }}-home:\n  shared-cache:\n"));
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first().severity, Diagnostic::Severity::Warning);
        QCOMPARE(warnings.first().line, 3);
        QVERIFY(warnings.first().message.contains(QStringLiteral("shared-cache")));
    }
};

QTEST_GUILESS_MAIN(TestVolumeDefinitionParser)
#include "tst_volumedefinitionparser.moc"
