#include "ui/terminal/terminaltextscanner.h"

#include <QTest>

using namespace Knot;

namespace {

// The text of each stretch the scanner finds in `bytes`.
QList<QByteArray> stretches(TerminalTextScanner& scanner, const QByteArray& bytes)
{
    QList<QByteArray> found;
    for (const TerminalTextScanner::Run& run : scanner.scan(bytes.constData(), bytes.size()))
        found.append(bytes.mid(run.offset, run.length));
    return found;
}

const QByteArray line = "some plain text\r\n";
const QList<QByteArray> inner {"ome plain tex"}; // first and last character are libvterm's

} // namespace

class TestTerminalTextScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheInsideOfPlainRuns()
    {
        TerminalTextScanner scanner;
        QCOMPARE(stretches(scanner, line), inner);
        QCOMPARE(stretches(scanner, "\x1b[1;31m" + line + "a short\r\n\x1b[0m" + line), inner + inner);
        // A run inside the printable text ends at anything else: DEL, a control, a UTF-8 character.
        QCOMPARE(stretches(scanner, "abcdefghij\x7fklmnopqrstu\tvwxyzABCDEF\xc3\xa9GHIJKLMNOP\r\n"),
                 (QList<QByteArray> {"bcdefghi", "lmnopqrst", "wxyzABCDE", "HIJKLMNO"}));
        QVERIFY(stretches(scanner, "too short\r\n").isEmpty());
    }

    void leavesSequencesAndStringsAlone()
    {
        TerminalTextScanner scanner;
        QVERIFY(stretches(scanner, "\x1b]0;a window title of plain text\x07").isEmpty());
        QVERIFY(stretches(scanner, "\x1bP$qa request of plain text\x1b\\").isEmpty());
        QVERIFY(stretches(scanner, "\x1b[1;2;3;4;5;6;7;8;9;10;11;12m").isEmpty());
        // The parser goes on where the previous call left it, even in the middle of a string.
        QVERIFY(stretches(scanner, "\x1b]2;the first half of a title").isEmpty());
        QVERIFY(stretches(scanner, " and the second half\x07").isEmpty());
        QCOMPARE(stretches(scanner, line), inner);
        // Positions count from the start of each call.
        const QByteArray bytes = "\x1b]0;title\x07" + line;
        const auto& runs = scanner.scan(bytes.constData(), bytes.size());
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs.front().offset, bytes.indexOf(line) + 1);
    }

    // Output without ESC is scanned without the parser while it is in its ground state; a sequence cut between
    // two calls must still end where the parser says.
    void sequencesCutBetweenCallsEndWhereTheParserSays()
    {
        TerminalTextScanner scanner;
        QCOMPARE(stretches(scanner, line + line), inner + inner); // no ESC at all
        QVERIFY(stretches(scanner, "\x1b[1").isEmpty());
        QCOMPARE(stretches(scanner, "0;20H" + line), inner);
        QCOMPARE(stretches(scanner, line + "\x1b]0;a title cut"), inner);
        QVERIFY(stretches(scanner, " in two and plain text after it\x07").isEmpty());
        QCOMPARE(stretches(scanner, line), inner);
        QVERIFY(stretches(scanner, "\x1b)0").isEmpty());
        QVERIFY(stretches(scanner, "\x0e" + line).isEmpty()); // SO without ESC: the parser follows it
        QCOMPARE(stretches(scanner, "\x0f" + line), inner);
    }

    void followsCharacterSets()
    {
        TerminalTextScanner scanner;
        QVERIFY(stretches(scanner, "\x1b(0" + line).isEmpty()); // line drawing in G0
        QCOMPARE(stretches(scanner, "\x1b(B" + line), inner);
        QVERIFY(stretches(scanner, "\x1b(A" + line).isEmpty()); // UK: '#' is '£'
        QCOMPARE(stretches(scanner, "\x1b(B\x1b)0" + line), inner);
        QVERIFY(stretches(scanner, "\x0e" + line).isEmpty());        // SO: G1 (line drawing) into GL
        QCOMPARE(stretches(scanner, "\x0f" + line), inner);          // SI: back to G0
        QVERIFY(stretches(scanner, "\x1b*0\x1bn" + line).isEmpty()); // LS2 with line drawing in G2
        QCOMPARE(stretches(scanner, "\x1b*B" + line), inner);
        QVERIFY(stretches(scanner, "\x1b+0\x1bo" + line).isEmpty()); // LS3
        QCOMPARE(stretches(scanner,
                           "\x1b"
                           "c" + line),
                 inner); // RIS resets them all
    }

    void followsModes()
    {
        TerminalTextScanner scanner;
        QVERIFY(stretches(scanner, "\x1b[4h" + line).isEmpty()); // insert
        QCOMPARE(stretches(scanner, "\x1b[4l" + line), inner);
        QVERIFY(stretches(scanner, "\x1b[?6h" + line).isEmpty()); // origin
        QCOMPARE(stretches(scanner, "\x1b[?6l" + line), inner);
        QVERIFY(stretches(scanner, "\x1b[?69h" + line).isEmpty()); // left/right margins
        QCOMPARE(stretches(scanner, "\x1b[?69l" + line), inner);
        QCOMPARE(stretches(scanner, "\x1b[>4h\x1b[4$h" + line), inner); // not SM
        // libvterm 0.1 sets and resets only the first mode named; a set counts for all of them.
        QVERIFY(stretches(scanner, "\x1b[20;4h" + line).isEmpty());
        QVERIFY(stretches(scanner, "\x1b[20;4l" + line).isEmpty());
        QCOMPARE(stretches(scanner, "\x1b[4;20l" + line), inner);
        QVERIFY(stretches(scanner, "\x1b[4h\x1b[!p" + line).isEmpty()); // DECSTR: not in libvterm 0.1
        QCOMPARE(stretches(scanner,
                           "\x1b"
                           "c" + line),
                 inner);
    }

    void reportsCursorSavesRestoresTheScrollingRegionAndScrollbackClears()
    {
        TerminalTextScanner scanner;
        auto scan = [&scanner](const QByteArray& bytes) { scanner.scan(bytes.constData(), bytes.size()); };
        scan("\x1b"
             "7");
        QVERIFY(scanner.savesCursor());
        QVERIFY(!scanner.restoresCursor());
        scan("text");
        QVERIFY(!scanner.savesCursor());
        scan("\x1b"
             "8");
        QVERIFY(scanner.restoresCursor());
        scan("\x1b[?1049h");
        QVERIFY(scanner.savesCursor());
        scan("\x1b[?1049l");
        QVERIFY(scanner.restoresCursor());
        scan("\x1b[?25;1048l"); // libvterm 0.3 restores for any argument
        QVERIFY(scanner.restoresCursor());
        scan("\x1b[?25;1048h"); // libvterm 0.1 saves only for the first
        QVERIFY(!scanner.savesCursor());
        scan("\x1b[?10");
        scan("48h");
        QVERIFY(scanner.savesCursor());

        QCOMPARE(scanner.scrollTop(), 0);
        scan("\x1b[20;25r");
        QCOMPARE(scanner.scrollTop(), 19);
        scan("\x1b[r");
        QCOMPARE(scanner.scrollTop(), 0);
        scan("\x1b[5r");
        QCOMPARE(scanner.scrollTop(), 4);
        scan("\x1b[?5r"); // not DECSTBM
        QCOMPARE(scanner.scrollTop(), 4);
        scan("\x1b"
             "c");
        QCOMPARE(scanner.scrollTop(), 0);

        scan("\x1b[H\x1b[2J\x1b[3J"); // what `clear` sends
        QCOMPARE(scanner.scrollbackClears(), 1);
        scan("\x1b[3J\x1b[J\x1b[3;1J");
        QCOMPARE(scanner.scrollbackClears(), 2);
        scan("\x1b[?3J\x1b[2J");
        QCOMPARE(scanner.scrollbackClears(), 0);
    }

    void leavesRunsThatStartWithUtf8ToLibvterm()
    {
        TerminalTextScanner scanner;
        QVERIFY(stretches(scanner, "\xc3\xa9 followed by plain text\r\n").isEmpty());
        QCOMPARE(stretches(scanner, "plain \xc3\xa9 followed by plain text\r\n"),
                 QList<QByteArray> {"followed by plain tex"});
    }
};

QTEST_GUILESS_MAIN(TestTerminalTextScanner)
#include "tst_terminaltextscanner.moc"
