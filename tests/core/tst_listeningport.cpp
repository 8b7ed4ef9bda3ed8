#include "core/forward/listeningport.h"
#include "testutils.h"

using namespace Knot;

class TestListeningPort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheRelayOutput()
    {
        const Result<QList<ListeningPort>> ports = ListeningPort::parseList("22 0.0.0.0\n8080 127.0.0.1\n8080 ::\n");
        QVERIFY_RESULT(ports);
        const QList<ListeningPort> expected {
            {22, QStringLiteral("0.0.0.0")}, {8080, QStringLiteral("127.0.0.1")}, {8080, QStringLiteral("::")}};
        QCOMPARE(*ports, expected);
    }

    void emptyOutputIsNoPorts()
    {
        const Result<QList<ListeningPort>> ports = ListeningPort::parseList("\n");
        QVERIFY_RESULT(ports);
        QVERIFY(ports->isEmpty());
    }

    void malformedLinesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("no address") << QByteArray("8080\n");
        QTest::newRow("port zero") << QByteArray("0 0.0.0.0\n");
        QTest::newRow("port too large") << QByteArray("70000 0.0.0.0\n");
        QTest::newRow("not an address") << QByteArray("80 localhost\n");
        QTest::newRow("extra field") << QByteArray("80 0.0.0.0 x\n");
        QTest::newRow("usage text") << QByteArray("usage: knot-relay connect PORT\n");
    }

    void malformedLinesAreErrors()
    {
        QFETCH(QByteArray, output);
        const Result<QList<ListeningPort>> ports = ListeningPort::parseList("22 0.0.0.0\n" + output);
        QVERIFY(!ports.ok());
        QVERIFY2(ports.error().detail.startsWith(QStringLiteral("line 2: ")), qPrintable(ports.error().toString()));
    }

    void loopback()
    {
        QVERIFY((ListeningPort {80, QStringLiteral("127.0.0.1")}).isLoopback());
        QVERIFY((ListeningPort {80, QStringLiteral("127.0.0.53")}).isLoopback());
        QVERIFY((ListeningPort {80, QStringLiteral("::1")}).isLoopback());
        QVERIFY(!(ListeningPort {80, QStringLiteral("0.0.0.0")}).isLoopback());
        QVERIFY(!(ListeningPort {80, QStringLiteral("::")}).isLoopback());
        QVERIFY(!(ListeningPort {80, QStringLiteral("172.17.0.2")}).isLoopback());
    }

    void numbersAreSortedAndUnique()
    {
        // The same port on IPv4 and IPv6 counts once.
        const QList<ListeningPort> ports {
            {8080, QStringLiteral("0.0.0.0")}, {22, QStringLiteral("127.0.0.1")}, {8080, QStringLiteral("::")}};
        QCOMPARE(ListeningPort::numbers(ports), QList<int>({22, 8080}));
        QVERIFY(ListeningPort::numbers({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestListeningPort)
#include "tst_listeningport.moc"
