#include "core/store/templatestore.h"
#include "servicefixture.h"
#include "terminaltestsupport.h"
#include "testutils.h"
#include "ui/terminal/spaceterminals.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"
#include "ui/terminal/terminalwindow.h"

#include <QDesktopServices>
#include <QSettings>
#include <QSignalSpy>
#include <QUuid>

using namespace Knot;
using KnotTest::await;
constexpr int Timeout = KnotTest::EngineTimeoutMs;

namespace {

// Stands in for the browser: QDesktopServices hands https URLs here.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl& url) { urls.append(url); }
};

} // namespace

// SpaceTerminals with the real space service: a running space's shell runs as the space's user,
// a stop ends its tabs, a space that is not running is refused with a message.
class TestSpaceTerminals : public QObject
{
    Q_OBJECT

private:
    KnotTest::ServiceFixture m_fixture;
    std::unique_ptr<QSettings> m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_fixture.setUp();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_settings =
            std::make_unique<QSettings>(m_fixture.dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }

    void shellRunsAsTheSpaceUserUntilTheSpaceStops()
    {
        Template tmpl;
        tmpl.name = QStringLiteral("terminals-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\nenvironment: [\"KNOT_USER=nobody\"]\n")
                       .arg(m_fixture.image);
        const auto stored = TemplateStore(*m_fixture.db).insert(tmpl);
        QVERIFY_RESULT(stored);
        Space draft;
        draft.name = QStringLiteral("term") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        draft.templateId = stored->id;
        draft.shell = QStringLiteral("zsh");
        const auto created = await(m_fixture.service->create(draft, false));
        QVERIFY_RESULT(created);

        SpaceTerminals terminals(*m_fixture.service, *m_fixture.engines, m_settings.get());
        QSignalSpy failed(&terminals, &SpaceTerminals::failed);
        terminals.open(created->id, SpaceTerminals::Kind::Shell);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("not running")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!terminals.window());

        QVERIFY_RESULT(await(m_fixture.service->start(created->id)));
        QSignalSpy opened(&terminals, &SpaceTerminals::opened);
        terminals.open(created->id, SpaceTerminals::Kind::Shell);
        QVERIFY(opened.wait(Timeout));
        TerminalWindow* window = terminals.window();
        QVERIFY(window);
        QCOMPARE(window->count(), 1);
        QCOMPARE(window->tabTitle(0), created->name);
        TerminalTab* tab = window->tab(0);
        // zsh is not in the image: the fallback shell runs, as the template's KNOT_USER.
        QVERIFY2(KnotTest::typeUntil(tab, QStringLiteral("echo \"u=$(id -un)\""), QStringLiteral("u=nobody"), Timeout),
                 qPrintable(KnotTest::screenLines(tab).join(u'\n')));

        QVERIFY_RESULT(await(m_fixture.service->stop(created->id)));
        QTRY_COMPARE_WITH_TIMEOUT(tab->closedReason(), QStringLiteral("Space stopped"), Timeout);
    }

    void tunnelUrlFromStatus_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("url");
        QTest::newRow("connected") << QByteArray(R"({"tunnel":{"name":"my-box","tunnel":"Connected"}})")
                                   << QStringLiteral("https://vscode.dev/tunnel/my-box");
        QTest::newRow("disconnected") << QByteArray(R"({"tunnel":{"name":"my-box","tunnel":"Disconnected"}})")
                                      << QString();
        QTest::newRow("no name") << QByteArray(R"({"tunnel":{"tunnel":"Connected"}})") << QString();
        QTest::newRow("not logged in") << QByteArray(R"({"tunnel":null,"service_installed":false})") << QString();
        QTest::newRow("not json") << QByteArray("command not found") << QString();
    }

    void tunnelUrlFromStatus()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, url);
        QCOMPARE(SpaceTerminals::tunnelUrl(json).toString(), url);
    }

    // The test image has no `code` and no screen: the tunnel is not connected, so the login terminal
    // opens and says why it cannot attach.
    void tunnelNotConnectedOpensTheLoginTerminal()
    {
        const auto created = startSpace(QStringLiteral("tunnel"));
        QVERIFY_RESULT(created);
        UrlCatcher browser;
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
        const auto unset = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("https")); });

        SpaceTerminals terminals(*m_fixture.service, *m_fixture.engines, m_settings.get());
        QSignalSpy opened(&terminals, &SpaceTerminals::opened);
        terminals.open(created->id, SpaceTerminals::Kind::TunnelLogin);
        QVERIFY(opened.wait(Timeout));
        QVERIFY(browser.urls.isEmpty());
        TerminalTab* tab = terminals.window()->tab(0);
        QTRY_VERIFY_WITH_TIMEOUT(
            KnotTest::hasLine(
                tab,
                QStringLiteral(
                    "knot: screen is not installed in this space, so the VS Code tunnel login cannot be shown.")),
            Timeout);
        QVERIFY_RESULT(await(m_fixture.service->stop(created->id)));
    }

    // A connected tunnel (a stand-in `code` in ~/.local/bin answers the status) opens in the browser.
    void tunnelConnectedOpensTheBrowser()
    {
        const auto created = startSpace(QStringLiteral("tunnelok"));
        QVERIFY_RESULT(created);
        const auto space = m_fixture.service->get(created->id);
        QVERIFY_RESULT(space);
        ExecOptions install;
        install.command = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QString::fromLatin1(R"sh(
mkdir -p "$HOME/.local/bin" && cat > "$HOME/.local/bin/code" <<'EOF'
#!/bin/sh
echo '{"tunnel":{"name":"box-1","tunnel":"Connected"},"service_installed":false}'
EOF
chmod +x "$HOME/.local/bin/code")sh")};
        const auto installed = await(m_fixture.client->exec(space->containerId, install));
        QVERIFY_RESULT(installed);
        QCOMPARE(installed->exitCode, 0);

        UrlCatcher browser;
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
        const auto unset = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("https")); });
        SpaceTerminals terminals(*m_fixture.service, *m_fixture.engines, m_settings.get());
        QSignalSpy tunnel(&terminals, &SpaceTerminals::tunnelOpened);
        terminals.open(created->id, SpaceTerminals::Kind::TunnelLogin);
        QVERIFY(tunnel.wait(Timeout));
        QCOMPARE(browser.urls, QList<QUrl> {QUrl(QStringLiteral("https://vscode.dev/tunnel/box-1"))});
        QVERIFY(!terminals.window());
        QVERIFY_RESULT(await(m_fixture.service->stop(created->id)));
    }

private:
    Result<Space> startSpace(const QString& prefix)
    {
        Template tmpl;
        tmpl.name = prefix + QUuid::createUuid().toString(QUuid::Id128).left(8);
        tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\n").arg(m_fixture.image);
        const auto stored = TemplateStore(*m_fixture.db).insert(tmpl);
        if (!stored) {
            return stored.error();
        }
        Space draft;
        draft.name = prefix + QUuid::createUuid().toString(QUuid::Id128).left(8);
        draft.templateId = stored->id;
        const auto created = await(m_fixture.service->create(draft, false));
        if (!created) {
            return created;
        }
        if (const auto started = await(m_fixture.service->start(created->id)); !started) {
            return started.error();
        }
        return m_fixture.service->get(created->id);
    }
};

QTEST_MAIN(TestSpaceTerminals)
#include "tst_spaceterminals.moc"
