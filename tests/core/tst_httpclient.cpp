#include "core/engine/httpclient.h"
#include "core/engine/httpreply.h"
#include "core/engine/streamsocket.h"
#include "testutils.h"

#include <QBuffer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <functional>

using namespace Knot;

namespace {

// A scripted engine on a private Unix socket: it collects each connection's bytes and calls
// `onRequest` once a whole request (head plus Content-Length or chunked body) has arrived.
class FakeEngine : public QObject
{
public:
    explicit FakeEngine(const QString& path)
    {
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    QByteArray& buffer = m_buffers[socket];
                    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
                    if (headEnd < 0) {
                        return;
                    }
                    const QByteArray head = buffer.left(headEnd);
                    qsizetype end = headEnd + 4;
                    if (head.contains("Transfer-Encoding: chunked")) {
                        const qsizetype last = buffer.indexOf("\r\n0\r\n\r\n", headEnd);
                        if (last < 0) {
                            return;
                        }
                        end = last + 7;
                    } else if (const qsizetype at = head.indexOf("Content-Length: "); at >= 0) {
                        end += head.mid(at + 16, head.indexOf('\r', at) - at - 16).toLongLong();
                        if (buffer.size() < end) {
                            return;
                        }
                    }
                    const QByteArray request = buffer.left(end);
                    buffer.remove(0, end);
                    requests.append(request);
                    onRequest(socket, request);
                });
            }
        });
    }

    bool isListening() const { return m_server.isListening(); }

    std::function<void(QLocalSocket*, const QByteArray&)> onRequest;
    QList<QByteArray> requests;
    int connections = 0;

private:
    QLocalServer m_server;
    QHash<QLocalSocket*, QByteArray> m_buffers;
};

// A pipe-like device: sequential, so the sender cannot know its size.
class PipeDevice : public QIODevice
{
public:
    explicit PipeDevice(QByteArray data) : m_data(std::move(data)) { }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_data.isEmpty() && QIODevice::bytesAvailable() == 0; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size());
        memcpy(data, m_data.constData(), n);
        m_data.remove(0, n);
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
};

void reply(QLocalSocket* socket, const QByteArray& body, int status = 200)
{
    socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\n\r\n" + body);
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<HttpClient> m_client;

    HttpRequest get(const QByteArray& target)
    {
        HttpRequest request;
        request.target = target;
        return request;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("engine.sock"));
        m_engine = std::make_unique<FakeEngine>(m_path);
        QVERIFY(m_engine->isListening());
        m_client = std::make_unique<HttpClient>(*EngineEndpoint::parse(QStringLiteral("unix://") + m_path));
    }

    void cleanup()
    {
        m_client.reset();
        m_engine.reset();
        QFile::remove(m_path);
    }

    void keepAliveReusesConnection()
    {
        m_engine->onRequest = [](QLocalSocket* socket, const QByteArray& request) {
            reply(socket, request.contains("/one") ? "first" : "second");
        };
        HttpReply* first = m_client->send(get("/one"));
        QTRY_VERIFY(first->isFinished());
        QVERIFY_RESULT(first->result());
        QCOMPARE(first->response().status, 200);
        QCOMPARE(first->response().body, QByteArray("first"));
        QCOMPARE(m_client->idleConnectionCount(), 1);
        HttpReply* second = m_client->send(get("/two"));
        QTRY_VERIFY(second->isFinished());
        QCOMPARE(second->response().body, QByteArray("second"));
        QCOMPARE(m_engine->connections, 1);
        QVERIFY(m_engine->requests.first().startsWith("GET /one HTTP/1.1\r\n"));
        delete first;
        delete second;
    }

    void staleKeepAliveConnectionIsRetried()
    {
        m_engine->onRequest = [](QLocalSocket* socket, const QByteArray&) {
            reply(socket, "ok");
            socket->disconnectFromServer(); // the engine drops the idle connection right after
        };
        HttpReply* first = m_client->send(get("/a"));
        QTRY_VERIFY(first->isFinished());
        QTRY_COMPARE(m_client->idleConnectionCount(), 0);
        HttpReply* second = m_client->send(get("/b"));
        QTRY_VERIFY(second->isFinished());
        QVERIFY_RESULT(second->result());
        QCOMPARE(second->response().body, QByteArray("ok"));
        delete first;
        delete second;
    }

    void streamingDeliversIncrementally()
    {
        QLocalSocket* server = nullptr;
        m_engine->onRequest = [&](QLocalSocket* socket, const QByteArray&) {
            server = socket;
            socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
        };
        HttpRequest request = get("/events");
        request.streaming = true;
        HttpReply* streamed = m_client->send(request);
        QByteArray received;
        connect(streamed, &HttpReply::dataReceived, this, [&](const QByteArray& data) { received += data; });
        QSignalSpy headers(streamed, &HttpReply::headersReceived);
        QTRY_COMPARE(received, QByteArray("first"));
        QCOMPARE(headers.size(), 1);
        QVERIFY(!streamed->isFinished());
        server->write("6\r\nsecond\r\n0\r\n\r\n");
        QTRY_VERIFY(streamed->isFinished());
        QCOMPARE(received, QByteArray("firstsecond"));
        QVERIFY(streamed->response().body.isEmpty());
        delete streamed;
    }

    void closeDelimitedBody()
    {
        m_engine->onRequest = [](QLocalSocket* socket, const QByteArray&) {
            socket->write("HTTP/1.1 200 OK\r\n\r\nuntil the end");
            socket->disconnectFromServer();
        };
        HttpReply* r = m_client->send(get("/logs"));
        QTRY_VERIFY(r->isFinished());
        QVERIFY_RESULT(r->result());
        QCOMPARE(r->response().body, QByteArray("until the end"));
        QCOMPARE(m_client->idleConnectionCount(), 0);
        delete r;
    }

    void timeout()
    {
        m_engine->onRequest = [](QLocalSocket*, const QByteArray&) {}; // never answers
        HttpRequest request = get("/slow");
        request.timeoutMs = 200;
        HttpReply* r = m_client->send(request);
        QTRY_VERIFY(r->isFinished());
        QCOMPARE(r->result().error().kind, Error::Kind::Timeout);
        delete r;
    }

    void abort()
    {
        m_engine->onRequest = [](QLocalSocket*, const QByteArray&) {};
        HttpReply* r = m_client->send(get("/slow"));
        QSignalSpy finished(r, &HttpReply::finished);
        QTRY_COMPARE(m_engine->requests.size(), 1);
        r->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(r->result().error().kind, Error::Kind::Cancelled);
        r->abort();
        QCOMPARE(finished.size(), 1);
        delete r;
    }

    void connectionLostMidReply()
    {
        m_engine->onRequest = [](QLocalSocket* socket, const QByteArray&) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            socket->disconnectFromServer();
        };
        HttpReply* r = m_client->send(get("/x"));
        QTRY_VERIFY(r->isFinished());
        QVERIFY(!r->result().ok());
        QCOMPARE(r->result().error().kind, Error::Kind::Unreachable);
        delete r;
    }

    void unreachable()
    {
        HttpClient nowhere(
            *EngineEndpoint::parse(QStringLiteral("unix://") + m_dir.filePath(QStringLiteral("none.sock"))));
        HttpReply* r = nowhere.send(get("/version"));
        QTRY_VERIFY(r->isFinished());
        QCOMPARE(r->result().error().kind, Error::Kind::Unreachable);
        QVERIFY(r->result().error().message.contains(QStringLiteral("none.sock")));
        delete r;

        HttpClient refused(*EngineEndpoint::parse(QStringLiteral("tcp://127.0.0.1:1")));
        HttpReply* tcp = refused.send(get("/version"));
        QTRY_VERIFY(tcp->isFinished());
        QCOMPARE(tcp->result().error().kind, Error::Kind::Unreachable);
        QVERIFY(tcp->result().error().message.contains(QStringLiteral("tcp://127.0.0.1:1")));
        delete tcp;
    }

    void upgradeHandsOverSocketAndLeftover()
    {
        QLocalSocket* server = nullptr;
        m_engine->onRequest = [&](QLocalSocket* socket, const QByteArray&) {
            server = socket;
            // The first bytes of the raw stream arrive in the same packet as the headers.
            socket->write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n$ ");
        };
        HttpRequest request = get("/exec/1/start");
        request.method = "POST";
        request.upgrade = true;
        request.body = "{}";
        HttpReply* r = m_client->send(request);
        StreamSocket* socket = nullptr;
        QByteArray leftover;
        connect(r, &HttpReply::upgraded, this, [&] {
            socket = r->takeSocket(this);
            leftover = r->takeLeftover();
        });
        QTRY_VERIFY(r->isFinished());
        QVERIFY_RESULT(r->result());
        QVERIFY(socket);
        QCOMPARE(leftover, QByteArray("$ "));
        QVERIFY(m_engine->requests.first().contains("Connection: Upgrade\r\nUpgrade: tcp\r\n"));
        delete r;

        // The socket now carries raw bytes both ways.
        QByteArray fromServer;
        connect(socket, &StreamSocket::readyRead, this, [&] { fromServer += socket->readAll(); });
        server->write("hello");
        QTRY_COMPARE(fromServer, QByteArray("hello"));
        QByteArray toServer;
        server->disconnect(m_engine.get()); // the test reads the raw stream itself from here on
        connect(server, &QLocalSocket::readyRead, this, [&] { toServer += server->readAll(); });
        socket->write("ls\n");
        QTRY_COMPARE(toServer, QByteArray("ls\n"));
        delete socket;
    }

    void bodyStreamedFromDevice()
    {
        m_engine->onRequest = [](QLocalSocket* socket, const QByteArray&) { reply(socket, "{}"); };
        QByteArray data(300 * 1024, 'z');
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        HttpRequest request = get("/images/create?fromSrc=-");
        request.method = "POST";
        request.bodyDevice = &buffer;
        HttpReply* r = m_client->send(request);
        QTRY_VERIFY(r->isFinished());
        QVERIFY_RESULT(r->result());
        const QByteArray sent = m_engine->requests.first();
        // A QBuffer knows its size, so this one goes with Content-Length.
        QVERIFY(sent.contains("Content-Length: 307200\r\n"));
        QVERIFY(sent.endsWith(data.right(10)));
        delete r;
    }

    void bodyFromSequentialDeviceIsChunked()
    {
        m_engine->onRequest = [](QLocalSocket* socket, const QByteArray&) { reply(socket, "{}"); };
        QByteArray data(100 * 1024, 'q');
        PipeDevice pipe(data);
        pipe.open(QIODevice::ReadOnly);
        HttpRequest request = get("/images/create?fromSrc=-");
        request.method = "POST";
        request.bodyDevice = &pipe;
        HttpReply* r = m_client->send(request);
        QTRY_VERIFY(r->isFinished());
        QVERIFY_RESULT(r->result());
        const QByteArray sent = m_engine->requests.first();
        QVERIFY(sent.contains("Transfer-Encoding: chunked\r\n"));
        QVERIFY(sent.endsWith("\r\n0\r\n\r\n"));
        QCOMPARE(sent.count('q'), data.size());
        delete r;
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
