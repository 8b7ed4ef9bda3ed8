#include "ui/terminal/loopbacksession.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminalview.h"

#include <QSignalSpy>
#include <QTest>

using namespace Knot;

// Typeahead: what TerminalSession holds back until the remote side is up, through the loopback session.
class TestTerminalSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inputGoesOutAtOnceByDefault()
    {
        LoopbackSession session;
        QVERIFY(!session.isHoldingInput());
        session.write("ls\r");
        QCOMPARE(session.written(), QByteArray("ls\r"));
        QVERIFY(session.heldInput().isEmpty());
    }

    void inputIsHeldUntilTheFirstOutput()
    {
        LoopbackSession session;
        session.setHoldInputUntilOutput(600000);
        session.write("ec");
        session.write("ho hi\r");
        QVERIFY(session.written().isEmpty());
        QCOMPARE(session.heldInput(), QByteArray("echo hi\r"));

        // The held bytes go out, in order, once everyone has seen the output; input written in between
        // queues up behind them.
        session.feed("$ ");
        session.write("x");
        QVERIFY(session.written().isEmpty());
        QTRY_COMPARE(session.written(), QByteArray("echo hi\rx"));
        QVERIFY(session.heldInput().isEmpty());

        // Once released, input is no longer held.
        session.write("y");
        QCOMPARE(session.written(), QByteArray("echo hi\rxy"));
    }

    void outputBeforeInputHoldsNothing()
    {
        LoopbackSession session;
        session.setHoldInputUntilOutput(600000);
        session.feed("$ ");
        QVERIFY(session.isHoldingInput());
        QTRY_VERIFY(!session.isHoldingInput());
        session.write("a");
        QCOMPARE(session.written(), QByteArray("a"));
    }

    // A program that never prints still gets its input.
    void heldInputIsSentAfterTheTimeout()
    {
        LoopbackSession session;
        session.setHoldInputUntilOutput(50);
        session.write("y\r");
        QVERIFY(session.written().isEmpty());
        QTRY_COMPARE(session.written(), QByteArray("y\r"));
        session.write("z");
        QCOMPARE(session.written(), QByteArray("y\rz"));
    }

    void turningTheHoldOffReleasesInput()
    {
        LoopbackSession session;
        session.setHoldInputUntilOutput(600000);
        session.write("q");
        session.setHoldInputUntilOutput(0);
        QCOMPARE(session.written(), QByteArray("q"));
    }

    // Through a view: keys typed before the remote side spoke show up after its prompt (echoed back).
    void viewTypeaheadLandsAfterThePrompt()
    {
        LoopbackSession session;
        session.setEcho(true);
        session.setHoldInputUntilOutput(600000);
        TerminalView view;
        view.resize(400, 200);
        view.setSession(&session);
        view.surface()->sendText(QStringLiteral("abc"));
        QVERIFY(session.written().isEmpty());
        session.feed("$ ");
        QTRY_COMPARE(session.written(), QByteArray("abc"));
        view.flush();
        QCOMPARE(view.surface()->screenText(0).trimmed(), QStringLiteral("$ abc"));
    }
};

QTEST_MAIN(TestTerminalSession)
#include "tst_terminalsession.moc"
