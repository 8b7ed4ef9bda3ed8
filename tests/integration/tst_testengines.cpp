// Sanity check of the engines packaging/test-engines starts: the engine named by
// KNOT_TEST_ENDPOINT answers, and the test image is there. Raw HTTP over the socket on purpose,
// so a failure here points at the engine set-up rather than at our engine client.
#include <QLocalSocket>
#include <QTest>

namespace {

struct RawReply
{
    int status = 0;
    QByteArray body;
    QString error;
};

// One HTTP/1.1 request with "Connection: close"; the reply ends when the engine closes.
RawReply rawGet(const QString& socketPath, const QByteArray& path)
{
    RawReply reply;
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(5000)) {
        reply.error = QStringLiteral("cannot connect to %1: %2").arg(socketPath, socket.errorString());
        return reply;
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: engine\r\nConnection: close\r\n\r\n");
    QByteArray data;
    while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(10000))
        data += socket.readAll();
    data += socket.readAll();
    const qsizetype headerEnd = data.indexOf("\r\n\r\n");
    const QList<QByteArray> statusLine = data.left(data.indexOf("\r\n")).split(' ');
    if (headerEnd < 0 || statusLine.size() < 2) {
        reply.error = QStringLiteral("no HTTP reply: ") + QString::fromUtf8(data.left(200));
        return reply;
    }
    reply.status = statusLine.at(1).toInt();
    reply.body = data.mid(headerEnd + 4);
    return reply;
}

} // namespace

class TestEngines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString endpoint = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        QVERIFY2(endpoint.startsWith(QStringLiteral("unix://")), qPrintable(endpoint));
        m_socketPath = endpoint.mid(7);
    }

    void answersPing()
    {
        const RawReply reply = rawGet(m_socketPath, "/_ping");
        QVERIFY2(reply.error.isEmpty(), qPrintable(reply.error));
        QCOMPARE(reply.status, 200);
        // Chunked or not, the body carries "OK".
        QVERIFY2(reply.body.contains("OK"), reply.body.constData());
    }

    void reportsTheExpectedEngine()
    {
        const RawReply reply = rawGet(m_socketPath, "/version");
        QVERIFY2(reply.error.isEmpty(), qPrintable(reply.error));
        QCOMPARE(reply.status, 200);
        const bool podman = reply.body.contains("Podman Engine");
        QCOMPARE(podman, qEnvironmentVariable("KNOT_TEST_ENGINE") == QStringLiteral("podman"));
    }

    void hasTheTestImage()
    {
        const QByteArray image = qEnvironmentVariable("KNOT_TEST_IMAGE").toUtf8();
        QVERIFY(!image.isEmpty());
        const RawReply reply = rawGet(m_socketPath, "/images/" + image + "/json");
        QVERIFY2(reply.error.isEmpty(), qPrintable(reply.error));
        QVERIFY2(reply.status == 200, reply.body.constData());
    }

private:
    QString m_socketPath;
};

QTEST_GUILESS_MAIN(TestEngines)
#include "tst_testengines.moc"
