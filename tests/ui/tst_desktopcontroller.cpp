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
        // The registered default engine is the test Podman: its endpoint, not a placeholder name.
        QTRY_VERIFY2_WITH_TIMEOUT(
            label->text().contains(harness.endpoint()), qPrintable(label->text()), DesktopHarness::EngineTimeoutMs);
    }
};

QTEST_MAIN(TestDesktopController)
#include "tst_desktopcontroller.moc"
