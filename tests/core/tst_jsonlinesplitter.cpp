#include "core/engine/jsonlinesplitter.h"
#include "testutils.h"

using namespace Knot;

class TestJsonLineSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySplitPoint()
    {
        const QByteArray wire = "{\"Type\":\"container\",\"Action\":\"die\"}\n"
                                "\r\n"
                                "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":5}}\r\n"
                                "{\"Action\":\"st\\u00e4rt\"}\n";
        for (qsizetype at = 0; at <= wire.size(); ++at) {
            JsonLineSplitter splitter;
            QList<QJsonObject> objects = splitter.feed(wire.left(at));
            objects += splitter.feed(wire.mid(at));
            objects += splitter.finish();
            QCOMPARE(objects.size(), 3);
            QCOMPARE(objects.at(0).value(QStringLiteral("Action")).toString(), QStringLiteral("die"));
            QCOMPARE(objects.at(1)
                         .value(QStringLiteral("progressDetail"))
                         .toObject()
                         .value(QStringLiteral("current"))
                         .toInt(),
                     5);
            QCOMPARE(objects.at(2).value(QStringLiteral("Action")).toString(), QStringLiteral("st\u00e4rt"));
            QCOMPARE(splitter.invalidLines(), 0);
        }
    }

    void unterminatedLastLine()
    {
        JsonLineSplitter splitter;
        QVERIFY(splitter.feed("{\"a\":1}").isEmpty());
        QCOMPARE(splitter.finish().size(), 1);
    }

    void garbageIsSkipped()
    {
        JsonLineSplitter splitter;
        const QList<QJsonObject> objects = splitter.feed("not json\n[1,2]\n{\"ok\":true}\n");
        QCOMPARE(objects.size(), 1);
        QCOMPARE(splitter.invalidLines(), 2);
    }
};

QTEST_GUILESS_MAIN(TestJsonLineSplitter)
#include "tst_jsonlinesplitter.moc"
