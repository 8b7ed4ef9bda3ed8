#include "desktopharness.h"
#include "ui/mainwindow.h"

#include <QLabel>
#include <QTest>

using namespace Knot;

class TestDesktopController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusBarShowsTheDefaultEngine()
    {
        DesktopHarness harness;
        QVERIFY2(harness.error().isEmpty(), qPrintable(harness.error()));
        auto* label = harness.controller().window()->findChild<QLabel*>(QStringLiteral("engineLabel"));
        QVERIFY(label);
        harness.controller().start();
        // The registered default engine is the test Podman: its name and endpoint, not a placeholder.
        QTRY_VERIFY2_WITH_TIMEOUT(label->toolTip().contains(harness.endpoint()),
                                  qPrintable(label->toolTip()),
                                  DesktopHarness::EngineTimeoutMs);
        QVERIFY2(label->text().startsWith(QStringLiteral("Test Podman")), qPrintable(label->text()));
    }
};

QTEST_MAIN(TestDesktopController)
#include "tst_desktopcontroller.moc"
