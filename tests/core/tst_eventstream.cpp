// EventStream's connection signals against a scripted engine on a private socket: an engine that
// is down when watching begins must lead to a resync (reconnected) once it is up.
#include "core/engine/dockerclient.h"
#include "core/engine/eventstream.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Knot;

namespace {

// Answers GET /version and keeps GET …/events open with a chunked 200 reply (no events).
class ScriptedEngine : public QObject
{
public:
    bool listen(const QString& path)
    {
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QLocalSocket::readyRead, socket, [socket] {
                    const QByteArray head = socket->readAll();
                    if (head.startsWith("GET /version")) {
                        const QByteArray body = R"({"Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12"})";
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    } else if (head.contains("/events")) {
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n");
                    }
                });
            }
        });
        return m_server.listen(path);
    }

private:
    QLocalServer m_server;
};

} // namespace

class TestEventStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstConnectionOnlySaysConnected()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("engine.sock"));
        ScriptedEngine engine;
        QVERIFY(engine.listen(path));
        DockerClient client(*EngineEndpoint::parse(QStringLiteral("unix://") + path));
        EventStream* stream = client.watchEvents(QStringLiteral("a=b"), this);
        QSignalSpy connected(stream, &EventStream::connected);
        QSignalSpy reconnected(stream, &EventStream::reconnected);
        stream->start();
        QTRY_COMPARE(connected.count(), 1);
        QVERIFY(stream->isConnected());
        QCOMPARE(reconnected.count(), 0);
        stream->stop();
    }

    void engineDownAtFirstLeadsToResync()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("engine.sock"));
        DockerClient client(*EngineEndpoint::parse(QStringLiteral("unix://") + path));
        EventStream* stream = client.watchEvents(QStringLiteral("a=b"), this);
        QSignalSpy connected(stream, &EventStream::connected);
        QSignalSpy reconnected(stream, &EventStream::reconnected);
        stream->start();
        QTRY_VERIFY(!stream->lastError().ok()); // nothing listens yet

        ScriptedEngine engine;
        QVERIFY(engine.listen(path));
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 15000);
        QCOMPARE(reconnected.count(), 1);
        stream->stop();
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
