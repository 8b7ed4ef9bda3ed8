#include "ui/templatelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Knot;

class TestTemplateListModel : public QObject
{
    Q_OBJECT

private:
    static Template makeTemplate(const QString& id, const QString& name, Platform platform = Platform::Container)
    {
        Template tmpl;
        tmpl.id = id;
        tmpl.name = name;
        tmpl.description = name + QStringLiteral(" description");
        tmpl.platform = platform;
        return tmpl;
    }

private Q_SLOTS:
    void rolesAndCounts()
    {
        TemplateListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTemplates({makeTemplate(QStringLiteral("a"), QStringLiteral("Go")),
                            makeTemplate(QStringLiteral("b"), QStringLiteral("Manual"), Platform::Manual)},
                           {{QStringLiteral("a"), 3}});
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex first = model.index(0);
        QCOMPARE(first.data(TemplateListModel::NameRole).toString(), QStringLiteral("Go"));
        QCOMPARE(first.data(TemplateListModel::DescriptionRole).toString(), QStringLiteral("Go description"));
        QCOMPARE(first.data(TemplateListModel::PlatformRole).toString(), QStringLiteral("container"));
        QCOMPARE(first.data(TemplateListModel::SpaceCountRole).toInt(), 3);
        QCOMPARE(model.index(1).data(TemplateListModel::SpaceCountRole).toInt(), 0);
        QCOMPARE(model.index(1).data(TemplateListModel::ManualRole).toBool(), true);
        QCOMPARE(model.index(1).data(TemplateListModel::PlatformRole).toString(), QStringLiteral("manual"));
    }

    void incrementalUpdates()
    {
        TemplateListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTemplates({makeTemplate(QStringLiteral("a"), QStringLiteral("Go"))}, {});

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateTemplate(makeTemplate(QStringLiteral("a"), QStringLiteral("Go 2")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Go 2"));

        model.updateTemplate(makeTemplate(QStringLiteral("b"), QStringLiteral("Rust")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), 1);

        model.setSpaceCounts({{QStringLiteral("b"), 2}});
        QCOMPARE(model.index(1).data(TemplateListModel::SpaceCountRole).toInt(), 2);

        model.removeTemplate(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.templateById(QStringLiteral("a")).has_value());
        QCOMPARE(model.templateById(QStringLiteral("b"))->name, QStringLiteral("Rust"));
        model.removeTemplate(QStringLiteral("missing"));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestTemplateListModel)
#include "tst_templatelistmodel.moc"
