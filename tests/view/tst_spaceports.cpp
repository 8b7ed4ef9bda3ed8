#include "core/engine/enginetypes.h"
#include "ui/spaceports.h"

#include <QTest>

using namespace Knot;

// How a space's Ports menu lines are made from the template, the engine's port bindings and the
// ports found listening, and what each says about reaching it.
class TestSpacePorts : public QObject
{
    Q_OBJECT

private:
    static ContainerPort binding(int containerPort, const QString& hostIp, int hostPort, const QString& protocol = {})
    {
        ContainerPort port;
        port.containerPort = containerPort;
        port.hostIp = hostIp;
        port.hostPort = hostPort;
        port.protocol = protocol.isEmpty() ? QStringLiteral("tcp") : protocol;
        return port;
    }

private Q_SLOTS:
    void mergesDeclaredPublishedAndListening()
    {
        Template tmpl;
        tmpl.ports = {{QStringLiteral("web"), 8080, PortProtocol::Http},
                      {QStringLiteral("docs"), 6060, PortProtocol::Https},
                      {QStringLiteral("db"), 5432, PortProtocol::Tcp}};
        ContainerInfo container;
        container.ports = {binding(8080, QStringLiteral("0.0.0.0"), 18080),
                           binding(8080, QStringLiteral("::"), 18080), // the IPv6 twin adds nothing
                           binding(5353, QStringLiteral("0.0.0.0"), 15353, QStringLiteral("udp")), // not openable
                           binding(5432, QStringLiteral("10.1.2.3"), 15432),
                           binding(9000, {}, 0)}; // exposed, not published
        const QList<PortEntry> entries = PortEntry::merge(tmpl, container, {6060, 3000});

        QCOMPARE(entries.size(), 5);
        QCOMPARE(entries.at(0).name, QStringLiteral("web"));
        QCOMPARE(entries.at(0).address(), QStringLiteral("http://127.0.0.1:18080/"));
        QCOMPARE(entries.at(0).label(), QStringLiteral("web (8080/http)"));
        QVERIFY(!entries.at(1).isPublished());
        QVERIFY(entries.at(1).listening);
        QCOMPARE(entries.at(1).address(), QString());
        QCOMPARE(entries.at(2).address(), QStringLiteral("10.1.2.3:15432")); // tcp: no URL scheme
        QVERIFY(!entries.at(2).isWeb());
        QCOMPARE(entries.at(3).port, 9000);
        QVERIFY(entries.at(3).name.isEmpty());
        QCOMPARE(entries.at(4).port, 3000);
        QVERIFY(entries.at(4).listening);
        QCOMPARE(entries.at(4).label(), QStringLiteral("3000/http"));

        // A remote engine publishes on its own machine: the same ports, none published here.
        const QList<PortEntry> remote = PortEntry::merge(tmpl, container, {6060, 3000}, false);
        QCOMPARE(remote.size(), 5);
        for (const PortEntry& entry : remote) {
            QVERIFY2(!entry.isPublished(), qPrintable(entry.label()));
        }
        QCOMPARE(remote.at(0).label(), QStringLiteral("web (8080/http)"));
    }

    void reachability()
    {
        PortEntry entry;
        entry.port = 9000;
        QVERIFY(SpacePorts::unreachableReason(entry).contains(QStringLiteral("not published")));
        entry.forwardable = true;
        QVERIFY(SpacePorts::unreachableReason(entry).isEmpty());
        entry.forwardable = false;
        entry.hostPort = 19000;
        entry.hostAddress = QStringLiteral("127.0.0.1");
        QVERIFY(SpacePorts::unreachableReason(entry).isEmpty());
        entry.protocol = PortProtocol::Https;
        QCOMPARE(entry.address(), QStringLiteral("https://127.0.0.1:19000/"));
    }
};

QTEST_GUILESS_MAIN(TestSpacePorts)
#include "tst_spaceports.moc"
