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

    static SpaceVnc::Route direct(const QString& host, int port)
    {
        return {SpaceVnc::Route::Kind::Direct, {host, port}};
    }

    static const inline SpaceVnc::Route Forward {SpaceVnc::Route::Kind::Forward, {}};

private Q_SLOTS:
    void publishedPortOfLocalEngineWins()
    {
        const auto info = container({{5900, QStringLiteral("tcp"), QStringLiteral("127.0.0.1"), 41000},
                                     {5901, QStringLiteral("tcp"), QStringLiteral("127.0.0.1"), 41001}},
                                    R"({"NetworkSettings": {"IPAddress": "10.88.0.5"}})");
        const auto route = SpaceVnc::route(info, 5901, true, true);
        QVERIFY_RESULT(route);
        QCOMPARE(*route, direct(QStringLiteral("127.0.0.1"), 41001));
    }

    void wildcardHostMeansLoopback()
    {
        const auto route = SpaceVnc::route(
            container({{5901, QStringLiteral("tcp"), QStringLiteral("0.0.0.0"), 41001}}), 5901, true, false);
        QVERIFY_RESULT(route);
        QCOMPARE(*route, direct(QStringLiteral("127.0.0.1"), 41001));
    }

    void remoteEngineGoesThroughTheForward()
    {
        // Published on the engine's machine, with a container address there: neither is here.
        const auto info = container({{5901, QStringLiteral("tcp"), QStringLiteral("0.0.0.0"), 41001}},
                                    R"({"NetworkSettings": {"IPAddress": "10.88.0.5"}})");
        const auto route = SpaceVnc::route(info, 5901, false, true);
        QVERIFY_RESULT(route);
        QCOMPARE(*route, Forward);

        const auto unreachable = SpaceVnc::route(info, 5901, false, false);
        QVERIFY(!unreachable);
        QVERIFY2(unreachable.error().message.contains(QStringLiteral("port 5901 is not published")),
                 qPrintable(unreachable.error().message));
    }

    void unpublishedPortGoesThroughTheForward()
    {
        // A UDP mapping and an unpublished TCP port do not count as published.
        const auto info = container(
            {{5901, QStringLiteral("udp"), QStringLiteral("127.0.0.1"), 41001}, {5901, QStringLiteral("tcp"), {}, 0}},
            R"({"NetworkSettings": {"IPAddress": "",
                                        "Networks": {"knot": {"IPAddress": "172.20.0.3"}}}})");
        const auto forwarded = SpaceVnc::route(info, 5901, true, true);
        QVERIFY_RESULT(forwarded);
        QCOMPARE(*forwarded, Forward);

        // Without a forwarder a local engine's container address is the last resort.
        const auto local = SpaceVnc::route(info, 5901, true, false);
        QVERIFY_RESULT(local);
        QCOMPARE(*local, direct(QStringLiteral("172.20.0.3"), 5901));
    }

    void noAddressAndNoForwardFails()
    {
        const auto route = SpaceVnc::route(container({}), 5901, true, false);
        QVERIFY(!route);
        QVERIFY2(route.error().message.contains(QStringLiteral("port 5901 is not published")),
                 qPrintable(route.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSpaceVnc)
#include "tst_spacevnc.moc"
