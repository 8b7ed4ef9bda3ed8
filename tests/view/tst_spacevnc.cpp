#include "core/engine/enginetypes.h"
#include "testutils.h"
#include "ui/vnc/spacevnc.h"

#include <QJsonDocument>
#include <QTest>

using namespace Knot;

class TestSpaceVnc : public QObject
{
    Q_OBJECT

private:
    static ContainerInfo container(const QList<ContainerPort>& ports, const char* inspect = "{}")
    {
        ContainerInfo info;
        info.ports = ports;
        info.raw = QJsonDocument::fromJson(inspect).object();
        return info;
    }

private Q_SLOTS:
    void publishedPortWins()
    {
        const auto info = container({{5900, QStringLiteral("tcp"), QStringLiteral("127.0.0.1"), 41000},
                                     {5901, QStringLiteral("tcp"), QStringLiteral("127.0.0.1"), 41001}},
                                    R"({"NetworkSettings": {"IPAddress": "10.88.0.5"}})");
        const auto address = SpaceVnc::reachableAddress(info, 5901, true);
        QVERIFY_RESULT(address);
        QCOMPARE(*address, (SpaceVnc::Address {QStringLiteral("127.0.0.1"), 41001}));
    }

    void wildcardHostMeansLoopback()
    {
        const auto address = SpaceVnc::reachableAddress(
            container({{5901, QStringLiteral("tcp"), QStringLiteral("0.0.0.0"), 41001}}), 5901, false);
        QVERIFY_RESULT(address);
        QCOMPARE(address->host, QStringLiteral("127.0.0.1"));
    }

    void udpAndUnpublishedPortsAreSkipped()
    {
        const auto info = container(
            {{5901, QStringLiteral("udp"), QStringLiteral("127.0.0.1"), 41001}, {5901, QStringLiteral("tcp"), {}, 0}},
            R"({"NetworkSettings": {"IPAddress": "",
                                        "Networks": {"knot": {"IPAddress": "172.20.0.3"}}}})");
        const auto local = SpaceVnc::reachableAddress(info, 5901, true);
        QVERIFY_RESULT(local);
        QCOMPARE(*local, (SpaceVnc::Address {QStringLiteral("172.20.0.3"), 5901}));

        // A remote engine's container address means nothing here.
        const auto remote = SpaceVnc::reachableAddress(info, 5901, false);
        QVERIFY(!remote);
        QVERIFY2(remote.error().message.contains(QStringLiteral("port 5901 is not published")),
                 qPrintable(remote.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSpaceVnc)
#include "tst_spacevnc.moc"
