#include "ui/terminal/loopbacksession.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminalview.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Knot;

namespace {

QByteArray esc(const char* sequence)
{
    return QByteArray("\x1b") + sequence;
}

QByteArray numberedLines(int from, int to)
{
    QByteArray bytes;
    for (int i = from; i < to; ++i)
        bytes += "line " + QByteArray::number(i) + "\r\n";
    return bytes;
}

} // namespace

class TestTerminalView : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        TerminalView view;
        LoopbackSession session;

        Fixture()
        {
            view.resize(640, 400);
            view.setColorScheme(TerminalColorScheme::dark());
            view.setSession(&session);
            view.show();
        }
        QRgb pixelAtCell(int row, int column)
        {
            const QSize cell = view.cellSize();
            const QImage image = view.viewport()->grab().toImage();
            return image.pixel(column * cell.width() + cell.width() / 2, row * cell.height() + 1) | 0xff000000;
        }
    };

private Q_SLOTS:
    void reportsSizeToSession()
    {
        Fixture f;
        QTRY_VERIFY(f.session.rows() > 1);
        QCOMPARE(f.session.rows(), f.view.surface()->rows());
        QCOMPARE(f.session.columns(), f.view.surface()->columns());
        QCOMPARE(f.session.columns(), f.view.viewport()->width() / f.view.cellSize().width());
        const int before = f.session.columns();
        f.view.resize(800, 400);
        QTRY_VERIFY(f.session.columns() > before);
    }

    void paintsOutputThroughTheRefreshTimer()
    {
        Fixture f;
        const TerminalColorScheme scheme = TerminalColorScheme::dark();
        f.session.feed(esc("[41m") + "    " + esc("[0m") + " " + esc("[48;2;10;200;30m") + "  " + esc("[0m"));
        // Nothing is flushed synchronously; the coalescing timer repaints shortly after.
        QTRY_COMPARE(f.pixelAtCell(0, 1), scheme.paletteColor(1));
        QCOMPARE(f.pixelAtCell(0, 4), scheme.background());
        QCOMPARE(f.pixelAtCell(0, 5), qRgb(10, 200, 30));
        QCOMPARE(f.pixelAtCell(3, 3), scheme.background());
        // A new scheme repaints with its colours.
        f.view.setColorScheme(TerminalColorScheme::solarizedLight());
        QCOMPARE(f.pixelAtCell(3, 3), TerminalColorScheme::solarizedLight().background());
        QCOMPARE(f.pixelAtCell(0, 1), TerminalColorScheme::solarizedLight().paletteColor(1));
    }

    void keysReachTheSession()
    {
        Fixture f;
        QTest::keyClick(&f.view, Qt::Key_A);
        QTest::keyClick(&f.view, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(&f.view, Qt::Key_Up);
        QTest::keyClick(&f.view, Qt::Key_Tab);
        QCOMPARE(f.session.written(), QByteArray("a\x03") + esc("[A") + "\t");
    }

    void scrolledUpViewStaysWhileOutputArrives()
    {
        Fixture f;
        f.session.feed(numberedLines(0, 200));
        f.view.flush();
        QVERIFY(f.view.isFollowingOutput());
        QScrollBar* bar = f.view.verticalScrollBar();
        QCOMPARE(bar->value(), bar->maximum());
        bar->setValue(10);
        QVERIFY(!f.view.isFollowingOutput());
        const qint64 top = f.view.topLine();
        QCOMPARE(f.view.surface()->lineText(top), QStringLiteral("line 10"));
        f.session.feed(numberedLines(200, 260));
        f.view.flush();
        QVERIFY(!f.view.isFollowingOutput());
        QCOMPARE(f.view.topLine(), top);
        QCOMPARE(bar->value(), 10);
        // Typing returns to the bottom.
        QTest::keyClick(&f.view, Qt::Key_X);
        QVERIFY(f.view.isFollowingOutput());
        QCOMPARE(f.view.topLine(), f.view.surface()->screenTop());
    }

    // `clear` (ending with ED 3) while the user reads the history: the history is gone, so the view shows the
    // screen again and the scroll bar has nothing left to scroll.
    void clearTakesAScrolledUpViewToTheScreen()
    {
        Fixture f;
        f.session.feed(numberedLines(0, 200));
        f.view.flush();
        QScrollBar* bar = f.view.verticalScrollBar();
        bar->setValue(10);
        QVERIFY(!f.view.isFollowingOutput());
        f.session.feed("\x1b[H\x1b[2J\x1b[3J$ ");
        f.view.flush();
        QCOMPARE(f.view.surface()->scrollbackLines(), 0);
        QCOMPARE(bar->maximum(), 0);
        QCOMPARE(f.view.topLine(), f.view.surface()->screenTop());
        QVERIFY(f.view.isFollowingOutput());
        QCOMPARE(f.view.surface()->screenText(0), QStringLiteral("$"));
    }

    // A flood is parsed on the parser thread: all of it arrives, in order, without flush(); the session is
    // paused meanwhile and not left paused.
    void floodIsParsedInSlicesToTheEnd()
    {
        Fixture f;
        constexpr int Lines = 120000; // about 1.4 MB, more than the view queues before it pauses the session
        QByteArray flood;
        for (int i = 0; i < Lines; i += 2000)
            flood += numberedLines(i, i + 2000);
        flood += esc("]2;flood done\x07");
        QSignalSpy title(&f.view, &TerminalView::titleChanged);
        QSignalSpy paused(&f.session, &TerminalSession::outputPausedChanged);
        f.session.feed(flood);
        QVERIFY(f.session.isOutputPaused());
        QTRY_COMPARE(title.count(), 1);
        QTRY_COMPARE(f.view.pendingOutput(), 0);
        QTRY_VERIFY(!f.session.isOutputPaused());
        QCOMPARE(paused.count(), 2);
        const auto lock = f.view.lockSurface();
        TerminalSurface* surface = f.view.surface();
        QCOMPARE(surface->lineText(surface->screenTop() + surface->cursor().row - 1),
                 QStringLiteral("line %1").arg(Lines - 1));
        QCOMPARE(surface->scrollbackLines(), surface->scrollbackCapacity());
        QCOMPARE(surface->lineText(surface->firstLine()),
                 QStringLiteral("line %1").arg(Lines - surface->scrollbackCapacity() - surface->cursor().row));
    }

    // The event loop turns while a flood is being parsed: timers fire and input is taken before it is done.
    void eventLoopTurnsDuringAFlood()
    {
        Fixture f;
        QByteArray flood;
        for (int i = 0; i < 500000; i += 5000)
            flood += numberedLines(i, i + 5000); // about 6.5 MB: below the size that makes the GUI thread parse
        int ticksWhileParsing = 0;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, &f.view, [&] {
            if (f.view.pendingOutput() > 0)
                ++ticksWhileParsing;
        });
        ticker.start();
        f.session.feed(flood);
        QVERIFY(f.view.pendingOutput() > 0);
        QTest::keyClick(&f.view, Qt::Key_X);
        QCOMPARE(f.session.written(), QByteArray("x"));
        QTRY_COMPARE_WITH_TIMEOUT(f.view.pendingOutput(), 0, 30000);
        QVERIFY2(ticksWhileParsing > 0, "no timer fired while output was being parsed");
        f.view.flush();
        QCOMPARE(f.view.surface()->lineText(f.view.surface()->screenTop() + f.view.surface()->cursor().row - 1),
                 QStringLiteral("line 499999"));
    }

    // Resizing, scrolling back, selecting and searching while the parser thread floods the surface: each takes
    // the surface's lock, nothing is lost and the last line arrives where it belongs.
    void interactionDuringAFlood()
    {
        Fixture f;
        QByteArray flood;
        for (int i = 0; i < 200000; i += 5000)
            flood += numberedLines(i, i + 5000);
        f.session.feed(flood);
        QTest::keyClick(&f.view, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        auto* edit = f.view.findChild<QLineEdit*>(QStringLiteral("terminalSearchEdit"));
        QVERIFY(edit);
        QTest::keyClicks(edit, QStringLiteral("line 1"));
        for (int i = 0; f.view.pendingOutput() > 0 && i < 200; ++i) {
            f.view.resize(640 - (i % 5) * 40, 400 - (i % 3) * 30);
            f.view.verticalScrollBar()->setValue(f.view.verticalScrollBar()->value() / 2);
            f.view.copy();
            QTest::qWait(1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(f.view.pendingOutput(), 0, 30000);
        f.view.resize(640, 400);
        f.view.flush();
        TerminalSurface* surface = f.view.surface();
        QCOMPARE(surface->lineText(surface->screenTop() + surface->cursor().row - 1), QStringLiteral("line 199999"));
        QVERIFY(f.view.searchMatchCount() > 0);
    }

    // Parsing a query makes the surface answer through the session; an echoing session sends the answer
    // straight back as output while the view is still parsing. It is queued behind, parsed once.
    void outputDuringParsingIsQueued()
    {
        Fixture f;
        f.session.setEcho(true);
        f.session.clearWritten();
        f.session.feed(esc("[c") + "abc");
        f.view.flush();
        QCOMPARE(f.view.surface()->screenText(0), QStringLiteral("abc"));
        QCOMPARE(f.session.written().count(esc("[?")), 1);
        QCOMPARE(f.view.pendingOutput(), 0);
    }

    void copyAndBracketedPaste()
    {
        Fixture f;
        f.session.feed("copy me please\r\n" + esc("[?2004h"));
        f.view.flush();
        const qint64 line = f.view.surface()->screenTop();
        f.view.surface()->setSelection({line, 5}, {line, 7});
        QTest::keyClick(&f.view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("me"));
        QGuiApplication::clipboard()->setText(QStringLiteral("ls\n"));
        f.session.clearWritten();
        QTest::keyClick(&f.view, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.session.written(), esc("[200~ls\r") + esc("[201~"));
    }

    void mouseSelectsWordsAndLines()
    {
        Fixture f;
        f.session.feed("hello wide world\r\n");
        f.view.flush();
        const QSize cell = f.view.cellSize();
        const QPoint onWide(7 * cell.width() + 2, cell.height() / 2);
        QTest::mouseDClick(f.view.viewport(), Qt::LeftButton, Qt::NoModifier, onWide);
        QCOMPARE(f.view.surface()->selectedText(), QStringLiteral("wide"));
        QTest::mousePress(f.view.viewport(), Qt::LeftButton, Qt::NoModifier, onWide);
        QCOMPARE(f.view.surface()->selectedText(), QStringLiteral("hello wide world"));
        // A drag selects cell by cell.
        QTest::mousePress(f.view.viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(1, cell.height() / 2), 1000);
        QMouseEvent move(QEvent::MouseMove,
                         QPointF(5 * cell.width() + 1, cell.height() / 2),
                         f.view.viewport()->mapToGlobal(QPointF(5 * cell.width() + 1, cell.height() / 2)),
                         Qt::NoButton,
                         Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(f.view.viewport(), &move);
        QCOMPARE(f.view.surface()->selectedText(), QStringLiteral("hello"));
    }

    void mouseReportingForFullScreenPrograms()
    {
        Fixture f;
        f.session.feed(esc("[?1000h") + esc("[?1006h"));
        f.view.flush();
        const QSize cell = f.view.cellSize();
        QTest::mouseClick(f.view.viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(2 * cell.width() + 1, 1));
        QCOMPARE(f.session.written(), esc("[<0;3;1M") + esc("[<0;3;1m"));
        QVERIFY(!f.view.surface()->hasSelection());
    }

    void searchHighlightsMatches()
    {
        Fixture f;
        f.session.feed("find the needle\r\nno\r\nneedle again\r\n");
        f.view.flush();
        QTest::keyClick(&f.view, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        auto* edit = f.view.findChild<QLineEdit*>(QStringLiteral("terminalSearchEdit"));
        QVERIFY(edit);
        QVERIFY(edit->isVisible());
        QTest::keyClicks(edit, QStringLiteral("needle"));
        QCOMPARE(f.view.searchMatchCount(), 2);
        const QRgb highlighted = f.pixelAtCell(0, 9);
        QVERIFY(highlighted != TerminalColorScheme::dark().background());
        QTest::keyClick(edit, Qt::Key_Escape);
        QCOMPARE(f.view.searchMatchCount(), 0);
    }

    void zoomChangesTheGrid()
    {
        Fixture f;
        const QSize before = f.view.cellSize();
        const int rows = f.view.surface()->rows();
        QTest::keyClick(&f.view, Qt::Key_Plus, Qt::ControlModifier);
        QTest::keyClick(&f.view, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(f.view.cellSize().height() > before.height());
        QVERIFY(f.view.surface()->rows() < rows);
        QCOMPARE(f.session.rows(), f.view.surface()->rows());
        QTest::keyClick(&f.view, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(f.view.cellSize(), before);
    }

    void bellAndTitle()
    {
        Fixture f;
        QSignalSpy bellSpy(&f.view, &TerminalView::bell);
        QSignalSpy titleSpy(&f.view, &TerminalView::titleChanged);
        f.session.feed("\x07" + esc("]2;remote shell\x07"));
        QCOMPARE(bellSpy.count(), 1);
        QCOMPARE(titleSpy.count(), 1);
        QCOMPARE(titleSpy.at(0).at(0).toString(), QStringLiteral("remote shell"));
    }
};

QTEST_MAIN(TestTerminalView)
#include "tst_terminalview.moc"
