#include "ui/iconcache.h"

#include <QColor>
#include <QTest>

using namespace Knot;

class TestIconCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void sameRequestGivesTheSameIcon()
    {
        IconCache cache;
        const QIcon first = cache.service(ServiceIcon::Vnc, QColor(Qt::red));
        QVERIFY(!first.isNull());
        QCOMPARE(cache.service(ServiceIcon::Vnc, QColor(Qt::red)).cacheKey(), first.cacheKey());
        QCOMPARE(cache.size(), 1);
        QCOMPARE(cache.fromSetting(QStringLiteral(":/icons/template.svg")).cacheKey(),
                 cache.fromSetting(QStringLiteral(":/icons/template.svg")).cacheKey());
        QCOMPARE(cache.dot(Qt::green).cacheKey(), cache.dot(Qt::green).cacheKey());
        QCOMPARE(cache.size(), 3);
    }

    void differentRequestsDiffer()
    {
        IconCache cache;
        const QIcon red = cache.service(ServiceIcon::Vnc, QColor(Qt::red));
        QVERIFY(cache.service(ServiceIcon::Vnc, QColor(Qt::blue)).cacheKey() != red.cacheKey());
        QVERIFY(cache.service(ServiceIcon::Ports, QColor(Qt::red)).cacheKey() != red.cacheKey());
        QVERIFY(cache.dot(Qt::red, 12).cacheKey() != cache.dot(Qt::red, 16).cacheKey());
        // An unknown setting falls back to the template icon, like Icons::fromSetting.
        QVERIFY(!cache.fromSetting(QStringLiteral("https://example.com/icon.png")).isNull());
        QCOMPARE(cache.size(), 6);
        cache.clear();
        QCOMPARE(cache.size(), 0);
        QVERIFY(cache.service(ServiceIcon::Vnc, QColor(Qt::red)).cacheKey() != red.cacheKey());
    }
};

QTEST_MAIN(TestIconCache)
#include "tst_iconcache.moc"
