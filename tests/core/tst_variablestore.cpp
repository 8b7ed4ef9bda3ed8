#include "core/store/database.h"
#include "core/store/variablestore.h"
#include "storefixtures.h"
#include "testutils.h"

#include <QTemporaryDir>

using namespace Knot;

class TestVariableStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsEveryField()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        const TemplateVariable token {QStringLiteral("token"), QStringLiteral("s3cr3t\nline two"), true};
        const TemplateVariable region {QStringLiteral("region"), QStringLiteral("eu-west"), false};
        {
            auto db = StoreFixtures::openDatabase(path);
            QVERIFY(db);
            VariableStore store(*db);
            QVERIFY(store.list()->isEmpty());
            QVERIFY_RESULT(store.set(token));
            QVERIFY_RESULT(store.set(region));
            QCOMPARE(*store.get(QStringLiteral("token")), token);
        }
        // Survives reopening.
        auto db = StoreFixtures::openDatabase(path);
        QVERIFY(db);
        VariableStore store(*db);
        QCOMPARE(*store.list(), (QList<TemplateVariable> {region, token}));
        QCOMPARE(*store.get(QStringLiteral("region")), region);
    }

    void replacesAndRemoves()
    {
        QTemporaryDir dir;
        auto db = StoreFixtures::openDatabase(dir.filePath(QStringLiteral("knot.db")));
        QVERIFY(db);
        VariableStore store(*db);
        QVERIFY_RESULT(store.set({QStringLiteral("name"), QStringLiteral("one"), true}));
        const TemplateVariable replaced {QStringLiteral("name"), QStringLiteral("two"), false};
        QVERIFY_RESULT(store.set(replaced));
        QCOMPARE(*store.list(), QList<TemplateVariable> {replaced});
        // Names are exact: `.var.Name` is another variable than `.var.name`.
        QCOMPARE(store.get(QStringLiteral("NAME")).error().kind, Error::Kind::NotFound);

        QVERIFY_RESULT(store.remove(QStringLiteral("name")));
        QCOMPARE(store.get(QStringLiteral("name")).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.remove(QStringLiteral("name")).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.set({}).error().kind, Error::Kind::Invalid);
        QVERIFY(store.list()->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestVariableStore)
#include "tst_variablestore.moc"
