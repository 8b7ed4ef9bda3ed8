#include "core/space/serviceprobe.h"

#include <QTest>

using namespace Knot;

// ServiceProbe's pure parts: its back-off and how it reads `code tunnel status`.
class TestServiceSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backOffDoublesUntilTheMaximumAndResetsOnChange()
    {
        QList<int> waits;
        int interval = ServiceProbe::FirstIntervalMs;
        for (int probe = 0; probe < 6; ++probe) {
            interval = ServiceProbe::nextIntervalMs(interval, false);
            waits << interval;
        }
        QCOMPARE(waits, QList<int>({4000, 8000, 16000, 30000, 30000, 30000}));
        QCOMPARE(ServiceProbe::nextIntervalMs(30000, true), ServiceProbe::FirstIntervalMs);
    }

    void tunnelStatus()
    {
        QCOMPARE(ServiceProbe::connectedTunnel(
                     R"({"tunnel":{"name":"my-box","tunnel":"Connected"},"service_installed":false})"),
                 std::optional<QString>(QStringLiteral("my-box")));
        QCOMPARE(ServiceProbe::connectedTunnel(R"({"tunnel":{"name":"my-box","tunnel":"Disconnected"}})"),
                 std::nullopt);
        QCOMPARE(ServiceProbe::connectedTunnel(R"({"tunnel":{"tunnel":"Connected"}})"), std::nullopt);
        QCOMPARE(ServiceProbe::connectedTunnel("sh: code: not found"), std::nullopt);
        const QStringList command = ServiceProbe::tunnelStatusCommand();
        QCOMPARE(command.first(), QStringLiteral("/bin/sh"));
        QVERIFY(command.at(2).contains(QStringLiteral("tunnel status")));
    }
};

QTEST_GUILESS_MAIN(TestServiceSchedule)
#include "tst_serviceschedule.moc"
