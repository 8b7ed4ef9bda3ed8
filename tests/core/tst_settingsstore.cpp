#include "core/store/database.h"
#include "core/store/settingsstore.h"
#include "storefixtures.h"
#include "testutils.h"

#include <QTemporaryDir>

using namespace Knot;

class TestSettingsStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namedSettingsHaveDefaultsAndPersist()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        {
            auto db = StoreFixtures::openDatabase(path);
            QVERIFY(db);
            SettingsStore store(*db);
            QCOMPARE(*store.defaultShell(), QStringLiteral("bash"));
            QCOMPARE(*store.closeToTray(), true);
            QCOMPARE(*store.scrollbackLines(), 10000);
            QVERIFY_RESULT(store.setDefaultShell(QStringLiteral("zsh")));
            QVERIFY_RESULT(store.setCloseToTray(false));
            QVERIFY_RESULT(store.setScrollbackLines(250000));
        }
        auto db = StoreFixtures::openDatabase(path);
        QVERIFY(db);
        SettingsStore store(*db);
        QCOMPARE(*store.defaultShell(), QStringLiteral("zsh"));
        QCOMPARE(*store.closeToTray(), false);
        QCOMPARE(*store.scrollbackLines(), 250000);
        QVERIFY_RESULT(store.setCloseToTray(true));
        QCOMPARE(*store.closeToTray(), true);
    }

    void typedAccessByKey()
    {
        QTemporaryDir dir;
        auto db = StoreFixtures::openDatabase(dir.filePath(QStringLiteral("knot.db")));
        QVERIFY(db);
        SettingsStore store(*db);
        QVERIFY(!store.value(QStringLiteral("custom"))->has_value());
        QCOMPARE(*store.text(QStringLiteral("custom"), QStringLiteral("fallback")), QStringLiteral("fallback"));

        QVERIFY_RESULT(store.setText(QStringLiteral("custom"), QString()));
        QCOMPARE(**store.value(QStringLiteral("custom")), QString());
        QCOMPARE(*store.text(QStringLiteral("custom"), QStringLiteral("fallback")), QString());
        QVERIFY_RESULT(store.setNumber(QStringLiteral("count"), -3));
        QCOMPARE(*store.number(QStringLiteral("count"), 7), -3);
        QVERIFY_RESULT(store.setFlag(QStringLiteral("enabled"), true));
        QCOMPARE(*store.flag(QStringLiteral("enabled"), false), true);
        QCOMPARE(**store.value(QStringLiteral("enabled")), QStringLiteral("true"));

        // Text of the wrong type reads as the default.
        QVERIFY_RESULT(store.setText(QStringLiteral("count"), QStringLiteral("many")));
        QCOMPARE(*store.number(QStringLiteral("count"), 7), 7);
        QCOMPARE(*store.flag(QStringLiteral("count"), true), true);
        QCOMPARE(*store.flag(QStringLiteral("count"), false), false);

        QVERIFY_RESULT(store.remove(QStringLiteral("count")));
        QVERIFY(!store.value(QStringLiteral("count"))->has_value());
        QVERIFY_RESULT(store.remove(QStringLiteral("count"))); // removing an unset key is fine
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
