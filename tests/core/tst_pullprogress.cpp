#include "core/engine/pullprogress.h"
#include "testutils.h"

#include <QJsonDocument>

using namespace Knot;

namespace {
QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(text).object();
}
} // namespace

class TestPullProgress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aggregatesLayers()
    {
        PullProgress progress;
        QCOMPARE(progress.percent(), -1);
        progress.consume(json(R"({"status":"Pulling from library/busybox","id":"latest"})"));
        progress.consume(json(R"({"status":"Pulling fs layer","progressDetail":{},"id":"aaa"})"));
        progress.consume(json(R"({"status":"Pulling fs layer","progressDetail":{},"id":"bbb"})"));
        QCOMPARE(progress.percent(), -1);
        progress.consume(json(R"({"status":"Downloading","progressDetail":{"current":250,"total":1000},"id":"aaa"})"));
        QCOMPARE(progress.percent(), 25);
        progress.consume(json(R"({"status":"Downloading","progressDetail":{"current":0,"total":3000},"id":"bbb"})"));
        QCOMPARE(progress.percent(), 6); // 250 of 4000
        progress.consume(json(R"({"status":"Download complete","progressDetail":{},"id":"aaa"})"));
        QCOMPARE(progress.percent(), 25); // 1000 of 4000
        progress.consume(json(R"({"status":"Extracting","progressDetail":{"current":100,"total":1000},"id":"aaa"})"));
        QCOMPARE(progress.percent(), 25); // extraction does not move the download bar back
        progress.consume(json(R"({"status":"Downloading","progressDetail":{"current":3000,"total":3000},"id":"bbb"})"));
        QCOMPARE(progress.percent(), 100);
        QCOMPARE(progress.statusText(), QStringLiteral("bbb: Downloading"));
        progress.consume(json(R"({"status":"Status: Downloaded newer image for busybox:latest"})"));
        QCOMPARE(progress.statusText(), QStringLiteral("Status: Downloaded newer image for busybox:latest"));
        QVERIFY(!progress.error());
    }

    void errorInsideStream()
    {
        PullProgress progress;
        progress.consume(json(R"({"status":"Pulling from x","id":"latest"})"));
        progress.consume(
            json(R"j({"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown (short)"})j"));
        QCOMPARE(progress.error().value(), QStringLiteral("manifest unknown"));
        PullProgress plain;
        plain.consume(json(R"({"error":"denied"})"));
        QCOMPARE(plain.error().value(), QStringLiteral("denied"));
    }

    void importReportsImageId()
    {
        PullProgress progress;
        progress.consume(json(R"({"status":"sha256:0b8f3e16"})"));
        QCOMPARE(progress.imageId(), QStringLiteral("sha256:0b8f3e16"));
    }

    void layersAlreadyPresent()
    {
        PullProgress progress;
        progress.consume(json(R"({"status":"Already exists","progressDetail":{},"id":"aaa"})"));
        QCOMPARE(progress.percent(), 100);
    }
};

QTEST_GUILESS_MAIN(TestPullProgress)
#include "tst_pullprogress.moc"
