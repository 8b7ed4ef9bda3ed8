#include "core/engine/dockerclient.h"
#include "core/forward/portforwarder.h"
#include "core/forward/relayinstaller.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QUuid>

#include <memory>

using namespace Knot;

namespace {

constexpr int Timeout = 120000;

// Runs the event loop until `future` is done; false on timeout.
template <typename T>
bool finishes(const QFuture<T>& future)
{
    return QTest::qWaitFor([&] { return future.isFinished(); }, Timeout);
}

constexpr int HttpPort = 8080; // busybox httpd bound to 127.0.0.1 only
constexpr int EchoPort = 9000; // busybox nc running cat per connection
constexpr int ClosedPort = 9999;

// A server that only the container itself can reach, and an echo service.
const char* const ServerScript = "mkdir -p /www && echo hello-through-the-relay > /www/index.html"
                                 " && httpd -p 127.0.0.1:8080 -h /www && exec nc -ll -p 9000 -e cat";

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (qsizetype i = 0; i < size; ++i) {
        data[i] = char(generator.bounded(256));
    }
    return data;
}

// A local client that collects everything it receives.
struct Client
{
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray received;
    bool closed = false;

    explicit Client(quint16 port)
    {
        QObject::connect(socket.get(), &QTcpSocket::readyRead, socket.get(), [this] { received += socket->readAll(); });
        QObject::connect(socket.get(), &QTcpSocket::disconnected, socket.get(), [this] { closed = true; });
        socket->connectToHost(QHostAddress::LocalHost, port);
    }
};

} // namespace

class TestPortForwarder : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    std::unique_ptr<PortForwarder> m_forwarder;
    QString m_image;
    QString m_label;
    QString m_container;
    QStringList m_containers;

    QString startContainer()
    {
        const QString name = QStringLiteral("knot-test-forward-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        const QJsonObject body {
            {QStringLiteral("Image"), m_image},
            {QStringLiteral("Cmd"),
             QJsonArray {QStringLiteral("sh"), QStringLiteral("-c"), QString::fromLatin1(ServerScript)}},
            {QStringLiteral("Labels"), QJsonObject {{QStringLiteral("knot.test"), m_label}}},
        };
        auto created = m_client->createContainer(name, body);
        if (!finishes(created) || !created.result().ok()) {
            qWarning() << "create failed:" << (created.isFinished() ? created.result().error().toString() : QString());
            return {};
        }
        const QString id = created.result().value();
        m_containers.append(id);
        auto started = m_client->startContainer(id);
        if (!finishes(started) || !started.result().ok()) {
            qWarning() << "start failed:" << (started.isFinished() ? started.result().error().toString() : QString());
            return {};
        }
        return id;
    }

    // Lists the container's ports until both services listen.
    bool waitForServices(const QString& id)
    {
        return QTest::qWaitFor(
            [&] {
                auto future = m_forwarder->listListeningPorts(m_client.get(), id);
                if (!finishes(future) || !future.result().ok()) {
                    return false;
                }
                const QList<ListeningPort> ports = future.result().value();
                const auto has = [&](int port) {
                    return std::any_of(
                        ports.cbegin(), ports.cend(), [&](const ListeningPort& p) { return p.port == port; });
                };
                return has(HttpPort) && has(EchoPort);
            },
            Timeout);
    }

    quint16 forwardTo(int port)
    {
        const Result<quint16> local = m_forwarder->forward(m_client.get(), m_container, port, QStringLiteral("web"));
        if (!local.ok()) {
            qWarning() << local.error().toString();
            return 0;
        }
        return *local;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString endpointText = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        QVERIFY2(!endpointText.isEmpty(), "KNOT_TEST_ENDPOINT is not set");
        const Result<EngineEndpoint> endpoint = EngineEndpoint::parse(endpointText);
        QVERIFY_RESULT(endpoint);
        m_client = std::make_unique<DockerClient>(*endpoint);
        m_forwarder = std::make_unique<PortForwarder>();
        m_image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));
        m_label = QStringLiteral("forward-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_container = startContainer();
        QVERIFY(!m_container.isEmpty());
        QVERIFY2(waitForServices(m_container), "the services in the container did not start");
    }

    void cleanupTestCase()
    {
        m_forwarder.reset();
        for (const QString& id : std::as_const(m_containers)) {
            auto removed = m_client->removeContainer(id, true, true);
            if (!finishes(removed) || (!removed.result().ok() && removed.result().error().httpStatus != 404)) {
                qWarning() << "cleanup failed for" << id;
            }
        }
    }

    void listListeningPorts()
    {
        auto listed = m_forwarder->listListeningPorts(m_client.get(), m_container);
        QVERIFY(finishes(listed));
        const Result<QList<ListeningPort>> ports = listed.result();
        QVERIFY_RESULT(ports);
        const ListeningPort http {HttpPort, QStringLiteral("127.0.0.1")};
        QVERIFY2(ports->contains(http), qPrintable(QString::number(ports->size())));
        QVERIFY(http.isLoopback());
        QVERIFY(
            std::none_of(ports->cbegin(), ports->cend(), [](const ListeningPort& p) { return p.port == ClosedPort; }));
        QVERIFY(std::is_sorted(ports->cbegin(), ports->cend(), [](const ListeningPort& a, const ListeningPort& b) {
            return a.port < b.port;
        }));
    }

    void httpToLoopbackOnlyServer()
    {
        const quint16 port = forwardTo(HttpPort);
        QVERIFY(port != 0);
        // One forward per container port, reused.
        QCOMPARE(forwardTo(HttpPort), port);
        QCOMPARE(m_forwarder->localPort(m_client.get(), m_container, HttpPort), port);

        Client client(port);
        client.socket->write("GET /index.html HTTP/1.0\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
        QVERIFY2(client.received.startsWith("HTTP/1.1 200 OK"), client.received.constData());
        QVERIFY(client.received.contains("hello-through-the-relay\n"));
    }

    void largeRoundTripArrivesIntact()
    {
        const quint16 port = forwardTo(EchoPort);
        QVERIFY(port != 0);
        const QByteArray data = randomBytes(4 * 1024 * 1024);
        Client client(port);
        client.socket->write(data);
        QTRY_VERIFY_WITH_TIMEOUT(client.received.size() >= data.size() || client.closed, Timeout);
        QCOMPARE(client.received.size(), data.size());
        QCOMPARE(QCryptographicHash::hash(client.received, QCryptographicHash::Sha256),
                 QCryptographicHash::hash(data, QCryptographicHash::Sha256));
        // Closing our side ends the connection through the forward.
        client.socket->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(m_forwarder->connectionCount(m_client.get(), m_container, EchoPort), 0, Timeout);
    }

    void concurrentConnections()
    {
        const quint16 port = forwardTo(EchoPort);
        QVERIFY(port != 0);
        std::vector<std::unique_ptr<Client>> clients;
        QList<QByteArray> sent;
        for (int i = 0; i < 5; ++i) {
            clients.push_back(std::make_unique<Client>(port));
            sent.append(QByteArray::number(i).repeated(100000 + i));
            clients.back()->socket->write(sent.back());
        }
        for (int i = 0; i < 5; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(clients[i]->received.size() >= sent[i].size() || clients[i]->closed, Timeout);
            QCOMPARE(clients[i]->received, sent[i]);
        }
        QCOMPARE(m_forwarder->connectionCount(m_client.get(), m_container, EchoPort), 5);
        clients.clear();
        QTRY_COMPARE_WITH_TIMEOUT(m_forwarder->connectionCount(m_client.get(), m_container, EchoPort), 0, Timeout);
    }

    void closedPortReportsAndClosesTheSocket()
    {
        QSignalSpy failed(m_forwarder.get(), &PortForwarder::connectionFailed);
        const quint16 port = forwardTo(ClosedPort);
        QVERIFY(port != 0);
        Client client(port);
        client.socket->write("anyone there?\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
        QVERIFY(client.received.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, Timeout);
        QCOMPARE(failed.at(0).at(0).toString(), m_container);
        QCOMPARE(failed.at(0).at(1).toInt(), ClosedPort);
        QCOMPARE(failed.at(0).at(2).toString(), QStringLiteral("Nothing listens on port 9999 in space 'web'"));
        // The forward stays for when the service comes up.
        QCOMPARE(m_forwarder->localPort(m_client.get(), m_container, ClosedPort), port);
    }

    void stopEndsTheForward()
    {
        const quint16 port = forwardTo(EchoPort);
        QVERIFY(port != 0);
        Client client(port);
        client.socket->write("ping\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.received, QByteArray("ping\n"), Timeout);
        QSignalSpy stopped(m_forwarder.get(), &PortForwarder::forwardStopped);
        m_forwarder->stop(m_client.get(), m_container, EchoPort);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(stopped.at(0).at(2).toString(), QString());
        QCOMPARE(m_forwarder->localPort(m_client.get(), m_container, EchoPort), quint16(0));
        QTcpSocket again;
        again.connectToHost(QHostAddress::LocalHost, port);
        QTRY_VERIFY_WITH_TIMEOUT(again.state() == QAbstractSocket::UnconnectedState, Timeout);
    }

    void containerStopEndsTheForward()
    {
        const QString id = startContainer();
        QVERIFY(!id.isEmpty());
        QVERIFY(waitForServices(id));
        const Result<quint16> port = m_forwarder->forward(m_client.get(), id, EchoPort, QStringLiteral("gone"));
        QVERIFY_RESULT(port);
        Client client(*port);
        client.socket->write("ping\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.received, QByteArray("ping\n"), Timeout);

        QSignalSpy stopped(m_forwarder.get(), &PortForwarder::forwardStopped);
        auto stop = m_client->stopContainer(id, 1);
        QVERIFY(finishes(stop));
        QVERIFY_RESULT(stop.result());
        // The open connection ends with the container.
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
        // The next one finds the container gone: the forward ends with a reason.
        Client late(*port);
        QTRY_VERIFY_WITH_TIMEOUT(late.closed, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, Timeout);
        QCOMPARE(stopped.at(0).at(0).toString(), id);
        QVERIFY2(stopped.at(0).at(2).toString().contains(QStringLiteral("space 'gone'")),
                 qPrintable(stopped.at(0).at(2).toString()));
        QCOMPARE(m_forwarder->localPort(m_client.get(), id, EchoPort), quint16(0));
    }
};

QTEST_GUILESS_MAIN(TestPortForwarder)
#include "tst_portforwarder.moc"
