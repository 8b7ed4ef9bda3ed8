#include "ui/vnc/vncclient.h"
#include "vnc/vncserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Knot;
using namespace Knot::Test;

namespace {

// Connects and expects the handshake to end in Failed with `kind` and a message containing `text`.
void expectFailure(int port, const QString& password, VncClient::ErrorKind kind, const QString& text)
{
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), port, password);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Failed, 20'000);
    QCOMPARE(client.errorKind(), kind);
    QVERIFY2(client.errorString().contains(text), qPrintable(client.errorString()));
}

// A websockify stand-in: each WebSocket connection is relayed to a TCP port as binary messages.
class WebSocketRelay : public QObject
{
public:
    explicit WebSocketRelay(int target) : m_target(target)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket* socket = m_server.nextPendingConnection();
            auto* tcp = new QTcpSocket(socket);
            connect(
                socket, &QWebSocket::binaryMessageReceived, tcp, [tcp](const QByteArray& bytes) { tcp->write(bytes); });
            connect(tcp, &QTcpSocket::readyRead, socket, [socket, tcp] { socket->sendBinaryMessage(tcp->readAll()); });
            connect(tcp, &QTcpSocket::disconnected, socket, [socket] { socket->close(); });
            tcp->connectToHost(QHostAddress::LocalHost, quint16(m_target));
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    int port() const { return m_server.serverPort(); }

private:
    QWebSocketServer m_server {QStringLiteral("relay"), QWebSocketServer::NonSecureMode};
    int m_target;
};

} // namespace

class TestVncClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void classifiesHandshakeLogs();
    void receivesTheFramebuffer();
    void followsWhatTheServerDraws();
    void pointerAndKeysReachTheServer();
    void clipboardTravelsBothWays();
    void webSocketTransport();
    void webSocketRefused();
    void wrongPasswordFails();
    void refusedConnectionFails();
    void garbageServerFails();
    void silentServerCanBeDisconnected();
    void serverKilledDisconnects();

private:
    VncServer m_server;
};

void TestVncClient::initTestCase()
{
    const QString error = m_server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestVncClient::classifiesHandshakeLogs()
{
    QCOMPARE(VncClient::classifyFailure(QStringLiteral("VNC connection failed: Authentication failure\n")),
             VncClient::ErrorKind::AuthFailed);
    QCOMPARE(VncClient::classifyFailure(QStringLiteral("VNC server closed connection\n")),
             VncClient::ErrorKind::Closed);
    QCOMPARE(VncClient::classifyFailure(QStringLiteral("Not a valid VNC server (HTTP/1.1 400)\n")),
             VncClient::ErrorKind::Protocol);
}

void TestVncClient::receivesTheFramebuffer()
{
    VncClient client;
    QSignalSpy states(&client, &VncClient::stateChanged);
    QSignalSpy updates(&client, &VncClient::frameUpdated);
    client.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QCOMPARE(client.state(), VncClient::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Connected, 20'000);
    QVERIFY2(client.errorString().isEmpty(), qPrintable(client.errorString()));
    QCOMPARE(client.frameSize(), QSize(640, 480));
    QTRY_VERIFY_WITH_TIMEOUT(!updates.isEmpty(), 20'000);
    client.disconnectFromHost();
    QCOMPARE(client.state(), VncClient::State::Disconnected);
    QCOMPARE(states.last().at(0).value<VncClient::State>(), VncClient::State::Disconnected);
}

void TestVncClient::followsWhatTheServerDraws()
{
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Connected, 20'000);

    m_server.fillRoot(QStringLiteral("red"));
    QTRY_COMPARE_WITH_TIMEOUT(client.frame().pixel(320, 240) & 0xffffff, 0xff0000u, 20'000);
    m_server.fillRoot(QStringLiteral("#0000ff"));
    QTRY_COMPARE_WITH_TIMEOUT(client.frame(QRect(5, 7, 2, 2)).pixel(0, 0) & 0xffffff, 0x0000ffu, 20'000);
}

void TestVncClient::pointerAndKeysReachTheServer()
{
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Connected, 20'000);

    client.sendPointer(123, 45, 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.pointer().startsWith(QStringLiteral("X=123\nY=45\n")), 20'000);

    const quint32 capsLock = 0xffe5;
    client.sendKey(capsLock, true);
    client.sendKey(capsLock, false);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.capsLockOn(), 20'000);
    client.sendKey(capsLock, true);
    client.sendKey(capsLock, false);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server.capsLockOn(), 20'000);
}

void TestVncClient::clipboardTravelsBothWays()
{
    VncClient client;
    QSignalSpy received(&client, &VncClient::clipboardReceived);
    client.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Connected, 20'000);

    client.sendClipboard(QStringLiteral("from the viewer"));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_server.x(QStringLiteral("xclip"),
                   {QStringLiteral("-o"), QStringLiteral("-selection"), QStringLiteral("clipboard")}),
        QStringLiteral("from the viewer"),
        20'000);

    // xclip owns the server's clipboard until Xvnc has fetched it once (-l 1), then exits.
    QProcess owner;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DISPLAY"), m_server.display);
    owner.setProcessEnvironment(environment);
    owner.start(QStringLiteral("xclip"),
                {QStringLiteral("-quiet"),
                 QStringLiteral("-l"),
                 QStringLiteral("1"),
                 QStringLiteral("-selection"),
                 QStringLiteral("clipboard")});
    QVERIFY(owner.waitForStarted());
    owner.write("from the server");
    owner.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(
        !received.isEmpty() && received.last().at(0).toString() == QStringLiteral("from the server"), 20'000);
    owner.kill();
    owner.waitForFinished();
}

void TestVncClient::webSocketTransport()
{
    WebSocketRelay relay(m_server.port);
    QVERIFY(relay.listen());
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), relay.port(), VncPassword, VncTransport::WebSocket);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Connected, 20'000);
    QCOMPARE(client.frameSize(), QSize(640, 480));
    m_server.fillRoot(QStringLiteral("#00ff00"));
    QTRY_COMPARE_WITH_TIMEOUT(client.frame().pixel(100, 100) & 0xffffff, 0x00ff00u, 20'000);
    client.sendPointer(77, 66, 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.pointer().startsWith(QStringLiteral("X=77\nY=66\n")), 20'000);
    client.disconnectFromHost();
    QCOMPARE(client.state(), VncClient::State::Disconnected);
}

void TestVncClient::webSocketRefused()
{
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), freePort(), VncPassword, VncTransport::WebSocket);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Failed, 20'000);
    QCOMPARE(client.errorKind(), VncClient::ErrorKind::Refused);
    QVERIFY2(client.errorString().contains(QStringLiteral("WebSocket")), qPrintable(client.errorString()));
}

void TestVncClient::wrongPasswordFails()
{
    expectFailure(m_server.port,
                  QStringLiteral("not-it"),
                  VncClient::ErrorKind::AuthFailed,
                  QStringLiteral("authentication failed"));
}

void TestVncClient::refusedConnectionFails()
{
    expectFailure(freePort(), VncPassword, VncClient::ErrorKind::Refused, QStringLiteral("refused"));
}

void TestVncClient::garbageServerFails()
{
    QTcpServer junk;
    QVERIFY(junk.listen(QHostAddress::LocalHost, 0));
    connect(&junk, &QTcpServer::newConnection, &junk, [&junk] {
        QTcpSocket* socket = junk.nextPendingConnection();
        socket->write(QByteArray("HTTP/1.1 400 Bad Request\r\n\r\n") + QByteArray(4096, '\xa5'));
    });
    expectFailure(junk.serverPort(), VncPassword, VncClient::ErrorKind::Protocol, QStringLiteral("not a VNC server"));
}

void TestVncClient::silentServerCanBeDisconnected()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), silent.serverPort(), VncPassword);
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 20'000);
    // The worker is blocked reading the server's greeting: disconnecting must still end it.
    client.disconnectFromHost();
    QCOMPARE(client.state(), VncClient::State::Disconnected);
    QCOMPARE(client.errorKind(), VncClient::ErrorKind::None);
}

void TestVncClient::serverKilledDisconnects()
{
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), m_server.port, VncPassword);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Connected, 20'000);
    m_server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), VncClient::State::Disconnected, 20'000);
    QCOMPARE(client.errorKind(), VncClient::ErrorKind::Closed);
    QVERIFY2(client.errorString().contains(QStringLiteral("closed the connection")), qPrintable(client.errorString()));
}

QTEST_GUILESS_MAIN(TestVncClient)
#include "tst_vncclient.moc"
