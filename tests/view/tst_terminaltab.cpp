#include "ui/terminal/loopbacksession.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"

#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTest>

using namespace Knot;

class TestTerminalTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closedSessionShowsReasonAndReconnectOpensAFreshOne()
    {
        int created = 0;
        QPointer<LoopbackSession> last;
        TerminalTab tab([&](QObject* parent) {
            ++created;
            last = new LoopbackSession(parent);
            return last.data();
        });
        tab.resize(400, 300);
        tab.show();
        QCOMPARE(created, 1);
        QCOMPARE(tab.session(), last.data());
        QVERIFY(tab.closedReason().isEmpty());

        last->feed("hello\r\n");
        tab.view()->flush();
        QTRY_VERIFY(tab.view()->surface()->screenText(0).startsWith(QStringLiteral("hello")));

        QPointer<LoopbackSession> first = last;
        first->close(QStringLiteral("Shell exited (code 3)"));
        QCOMPARE(tab.closedReason(), QStringLiteral("Shell exited (code 3)"));
        auto* button = tab.findChild<QPushButton*>();
        QVERIFY(button && button->isVisible());
        bool shown = false;
        for (auto* label : tab.findChildren<QLabel*>()) {
            shown = shown || (label->isVisible() && label->text() == QStringLiteral("Shell exited (code 3)"));
        }
        QVERIFY(shown);

        button->click();
        QCOMPARE(created, 2);
        QVERIFY(last != first);
        QCOMPARE(tab.session(), last.data());
        QVERIFY(tab.closedReason().isEmpty());
        QVERIFY(!button->isVisible());
        QTRY_VERIFY(first.isNull()); // the old session is released
        // Typing reaches the new session.
        last->clearWritten();
        QTest::keyClicks(tab.view(), QStringLiteral("ls"));
        QCOMPARE(last->written(), QByteArray("ls"));
    }
};

QTEST_MAIN(TestTerminalTab)
#include "tst_terminaltab.moc"
