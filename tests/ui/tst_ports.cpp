#include "core/store/templatestore.h"
#include "desktopharness.h"
#include "testutils.h"
#include "ui/mainwindow.h"
#include "ui/messagewidget.h"
#include "ui/portsmenu.h"
#include "ui/spacespage.h"
#include "ui/terminal/spaceterminals.h"
#include "ui/trayicon.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace Knot;

// Receives what the app hands to the browser instead of a browser.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void handle(const QUrl& url) { urls.append(url); }
};

// The Ports and Code Server services of a running space on the Podman test engine: the menu
// lists declared and published ports, published ones open in the browser and answer there.
class TestPorts : public QObject
{
    Q_OBJECT

private:
    UrlCatcher m_browser;
    std::unique_ptr<DesktopHarness> m_harness;
    int m_hostPort = 0;
    std::optional<Space> m_space;

    // What a GET of `url` returns (empty on failure).
    static QByteArray fetch(const QUrl& url)
    {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(DesktopHarness::EngineTimeoutMs) || reply->error() != QNetworkReply::NoError) {
            qWarning() << "GET" << url << reply->errorString();
            return {};
        }
        return reply->readAll();
    }

    // A running space whose container serves a page on 8080 (published on `hostPort`) and on 9090
    // (declared, bound to the container's loopback, not published); "code-server" runs on 8080. Port 7070 is
    // declared and nothing listens on it.
    static Result<Space> startWebSpace(DesktopHarness& harness, int hostPort)
    {
        Template tmpl;
        tmpl.name = DesktopHarness::unique(QStringLiteral("ports-tmpl-"));
        tmpl.job = QStringLiteral("image: %1\n"
                                  "command: [\"sh\", \"-c\", \"mkdir -p /www && echo knot-port-page > /www/index.html "
                                  "&& httpd -p 127.0.0.1:9090 -h /www && exec httpd -f -p 8080 -h /www\"]\n"
                                  "ports: [\"%2:8080\"]\n")
                       .arg(harness.image())
                       .arg(hostPort);
        tmpl.ports = {{QStringLiteral("web"), 8080, PortProtocol::Http},
                      {QStringLiteral("docs"), 9090, PortProtocol::Http},
                      {QStringLiteral("later"), 7070, PortProtocol::Http}};
        tmpl.features.codeServer = true;
        tmpl.codeServerPort = 8080;
        const auto stored = TemplateStore(harness.db()).insert(tmpl);
        if (!stored) {
            return stored.error();
        }
        Space space;
        space.templateId = stored->id;
        space.name = DesktopHarness::unique(QStringLiteral("ports-"));
        space.shell = QStringLiteral("sh");
        return DesktopHarness::await(harness.service().create(space, true));
    }

private Q_SLOTS:
    void initTestCase()
    {
        Q_INIT_RESOURCE(knot);
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "handle");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    // Each test: the app on a fresh database with one running web space.
    void init()
    {
        m_harness = std::make_unique<DesktopHarness>();
        QVERIFY2(m_harness->error().isEmpty(), qPrintable(m_harness->error()));
        m_harness->controller().start();
        m_hostPort = KnotTest::freePort();
        const auto space = startWebSpace(*m_harness, m_hostPort);
        QVERIFY_RESULT(space);
        m_space = *space;
        m_browser.urls.clear();
    }

    void cleanup()
    {
        m_space.reset();
        m_harness.reset();
    }

    void publishedPortOpensInTheBrowser()
    {
        DesktopHarness& harness = *m_harness;
        const int hostPort = m_hostPort;
        const std::optional<Space>& space = m_space;
        QCOMPARE(space->state, SpaceState::Running);

        PortsMenu* menu = harness.controller().showPortsMenu(space->id);
        QVERIFY(menu);
        QTRY_VERIFY_WITH_TIMEOUT(!menu->isLoading(), DesktopHarness::EngineTimeoutMs);
        QCOMPARE(menu->entries().size(), 3);
        const PortEntry web = menu->entries().at(0);
        QCOMPARE(web.name, QStringLiteral("web"));
        QCOMPARE(web.hostPort, hostPort);
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(hostPort);
        QCOMPARE(web.address(), url);
        // The declared, unpublished, loopback-only port opens through a local forward (exec relay).
        const PortEntry docs = menu->entries().at(1);
        QCOMPARE(docs.port, 9090);
        QVERIFY(!docs.isPublished());
        auto* openDocs = menu->findChild<QAction*>(QStringLiteral("openPort_9090"));
        QVERIFY(openDocs);
        QVERIFY(openDocs->isEnabled());
        openDocs->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.urls.size(), 1, DesktopHarness::EngineTimeoutMs);
        const QUrl forwarded = m_browser.urls.takeFirst();
        QCOMPARE(forwarded.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(forwarded.port() != hostPort);
        QTRY_VERIFY_WITH_TIMEOUT(fetch(forwarded).contains("knot-port-page"), DesktopHarness::EngineTimeoutMs);

        menu->findChild<QAction*>(QStringLiteral("openPort_8080"))->trigger();
        QTRY_COMPARE(m_browser.urls.size(), 1);
        QCOMPARE(m_browser.urls.first(), QUrl(url));
        // The page is really there.
        QTRY_VERIFY_WITH_TIMEOUT(fetch(m_browser.urls.first()).contains("knot-port-page"),
                                 DesktopHarness::EngineTimeoutMs);

        menu->findChild<QAction*>(QStringLiteral("copyPort_8080"))->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), url);
        menu->close();

        // Code Server: the template's code-server port, opened the same way.
        m_browser.urls.clear();
        Q_EMIT harness.controller().window()->spacesPage()->serviceRequested(space->id, ServiceIcon::CodeServer);
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.urls.size(), 1, DesktopHarness::EngineTimeoutMs);
        QCOMPARE(m_browser.urls.first(), QUrl(url));
    }

    // The browser only sees a closed connection when nothing listens behind a forward: the Spaces page says why.
    void forwardToAClosedPortSaysWhy()
    {
        DesktopHarness& harness = *m_harness;
        PortsMenu* menu = harness.controller().showPortsMenu(m_space->id);
        QVERIFY(menu);
        QTRY_VERIFY_WITH_TIMEOUT(!menu->isLoading(), DesktopHarness::EngineTimeoutMs);
        QCOMPARE(menu->entries().at(2).port, 7070);
        menu->findChild<QAction*>(QStringLiteral("openPort_7070"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.urls.size(), 1, DesktopHarness::EngineTimeoutMs);
        menu->close();
        QVERIFY(fetch(m_browser.urls.first()).isEmpty());
        MessageWidget* message = harness.controller().window()->spacesPage()->messageWidget();
        const QString expected = QStringLiteral("Nothing listens on port 7070 in space '%1'").arg(m_space->name);
        QTRY_VERIFY2_WITH_TIMEOUT(!message->isHidden() && message->text().contains(expected),
                                  qPrintable(message->text()),
                                  DesktopHarness::EngineTimeoutMs);
    }

    void trayHasTerminalAndPorts()
    {
        DesktopHarness& harness = *m_harness;
        const int hostPort = m_hostPort;
        const std::optional<Space>& space = m_space;

        TrayIcon* tray = harness.controller().window()->trayIcon();
        QMenu* sub = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((sub = tray->menu()->findChild<QMenu*>(QStringLiteral("traySpace_") + space->name))
                                     && sub->title().endsWith(QStringLiteral("Running")),
                                 DesktopHarness::EngineTimeoutMs);
        QVERIFY(sub->findChild<QAction*>(QStringLiteral("trayTerminalAction")));
        auto* ports = sub->findChild<PortsMenu*>(QStringLiteral("trayPortsMenu"));
        QVERIFY(ports);
        Q_EMIT ports->aboutToShow();
        QTRY_VERIFY_WITH_TIMEOUT(!ports->isLoading(), DesktopHarness::EngineTimeoutMs);
        QCOMPARE(ports->entries().size(), 3);
        QCOMPARE(ports->entries().first().hostPort, hostPort);
        m_browser.urls.clear();
        ports->findChild<QAction*>(QStringLiteral("openPort_8080"))->trigger();
        QTRY_COMPARE(m_browser.urls.size(), 1);
        QCOMPARE(m_browser.urls.first(), QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(hostPort)));

        // Open Terminal opens a terminal window on the space.
        QSignalSpy terminal(harness.controller().terminals(), &SpaceTerminals::opened);
        sub->findChild<QAction*>(QStringLiteral("trayTerminalAction"))->trigger();
        QVERIFY(terminal.wait(DesktopHarness::EngineTimeoutMs));
        QCOMPARE(terminal.first().first().toString(), space->id);

        // Stopped by the user: no notification. Gone behind the app's back: one.
        QSignalSpy notified(tray, &TrayIcon::notified);
        QVERIFY_RESULT(DesktopHarness::await(harness.service().stop(space->id)));
        QVERIFY_RESULT(DesktopHarness::await(harness.service().start(space->id)));
        QCOMPARE(notified.size(), 0);
        const QString container = harness.service().get(space->id)->containerId;
        QVERIFY_RESULT(DesktopHarness::await(harness.client().removeContainer(container, true, false)));
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, DesktopHarness::EngineTimeoutMs);
        QVERIFY2(notified.first().first().toString().contains(space->name + QStringLiteral(" stopped")),
                 qPrintable(notified.first().first().toString()));
    }
};

QTEST_MAIN(TestPorts)
#include "tst_ports.moc"
