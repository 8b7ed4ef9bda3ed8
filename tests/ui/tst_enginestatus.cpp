#include "app/desktop/enginestatusmonitor.h"
#include "desktopharness.h"
#include "testutils.h"
#include "ui/mainwindow.h"

#include <QLabel>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>

using namespace Knot;

// The status bar's engine health, from the real engine's answers and its event stream.
class TestEngineStatus : public QObject
{
    Q_OBJECT

private:
    static QString statusText(DesktopHarness& harness)
    {
        return harness.controller().window()->findChild<QLabel*>(QStringLiteral("engineLabel"))->text();
    }

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void connectedShowsTheVersion()
    {
        DesktopHarness harness;
        QVERIFY2(harness.error().isEmpty(), qPrintable(harness.error()));
        auto& controller = harness.controller();
        controller.start();
        auto* status = controller.engineStatus();
        QTRY_COMPARE_WITH_TIMEOUT(
            status->health(), MainWindow::EngineHealth::Connected, DesktopHarness::EngineTimeoutMs);
        QCOMPARE(status->engineName(), QStringLiteral("Test Podman"));
        QVERIFY2(status->detail().startsWith(QStringLiteral("Podman ")), qPrintable(status->detail()));
        QVERIFY(status->detail().contains(QStringLiteral("API 1.")));
        QVERIFY(status->detail().contains(harness.endpoint()));
        QVERIFY2(statusText(harness).startsWith(QStringLiteral("Test Podman — connected: Podman")),
                 qPrintable(statusText(harness)));
    }

    void unreachableSaysWhy()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("knot.db")));
        QVERIFY_RESULT(db);
        const QString socket = QStringLiteral("unix://") + dir.filePath(QStringLiteral("nobody-listens.sock"));
        QVERIFY_RESULT(EngineStore(**db).add({{}, QStringLiteral("Gone"), socket, {}, true}));
        EngineManager engines(**db);
        SpaceService service(**db, engines);
        Reconciler reconciler(service, engines);
        EngineStatusMonitor monitor(**db, engines, reconciler, SpaceLabels::instanceFilter(service.instanceId()));
        QSignalSpy changed(&monitor, &EngineStatusMonitor::changed);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            monitor.health(), MainWindow::EngineHealth::Unreachable, DesktopHarness::EngineTimeoutMs);
        QCOMPARE(monitor.engineName(), QStringLiteral("Gone"));
        QVERIFY(!monitor.detail().isEmpty());
        // Connecting first, then the verdict: each change was signalled.
        QVERIFY(changed.size() >= 2);
        QCOMPARE(changed.first().at(1).value<MainWindow::EngineHealth>(), MainWindow::EngineHealth::Connecting);
    }

    // The engine dies: "reconnecting" as soon as its event stream drops; it comes back: connected.
    void engineRestartShowsReconnectingThenConnected()
    {
        const QString scripts = qEnvironmentVariable("KNOT_TEST_SCRIPTS");
        const QString enginesDir = qEnvironmentVariable("KNOT_TEST_ENGINES_DIR");
        QVERIFY2(!scripts.isEmpty() && !enginesDir.isEmpty(),
                 "KNOT_TEST_SCRIPTS and KNOT_TEST_ENGINES_DIR must be set");
        DesktopHarness harness;
        QVERIFY2(harness.error().isEmpty(), qPrintable(harness.error()));
        // Synchronous on purpose: the test, not the app, waits for the script.
        const auto engineScript = [&](const QString& action) {
            return QProcess::execute(
                QStringLiteral("bash"),
                {scripts + QStringLiteral("/restart-engine.sh"), enginesDir, QStringLiteral("podman"), action});
        };
        // Other tests need the engine: it runs again at the end whatever happens here.
        auto restore = qScopeGuard([&] {
            if (!DesktopHarness::await(harness.client().ping())) {
                engineScript(QStringLiteral("start"));
            }
        });
        harness.controller().start();
        auto* status = harness.controller().engineStatus();
        QTRY_COMPARE_WITH_TIMEOUT(
            status->health(), MainWindow::EngineHealth::Connected, DesktopHarness::EngineTimeoutMs);
        QSignalSpy changed(status, &EngineStatusMonitor::changed);

        QCOMPARE(engineScript(QStringLiteral("kill")), 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            status->health(), MainWindow::EngineHealth::Reconnecting, DesktopHarness::EngineTimeoutMs);
        QVERIFY2(statusText(harness).contains(QStringLiteral("reconnecting")), qPrintable(statusText(harness)));

        QCOMPARE(engineScript(QStringLiteral("start")), 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            status->health(), MainWindow::EngineHealth::Connected, DesktopHarness::EngineTimeoutMs);
        QVERIFY2(statusText(harness).contains(QStringLiteral("connected: Podman")), qPrintable(statusText(harness)));
        // Never "unreachable" in between: the stream said it was retrying.
        for (const auto& change : std::as_const(changed)) {
            QVERIFY(change.at(1).value<MainWindow::EngineHealth>() != MainWindow::EngineHealth::Unreachable);
        }
    }
};

QTEST_MAIN(TestEngineStatus)
#include "tst_enginestatus.moc"
