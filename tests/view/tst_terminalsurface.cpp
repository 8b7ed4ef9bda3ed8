#include "ui/terminal/terminalsurface.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <vterm.h>

using namespace Knot;

namespace {

QByteArray esc(const char* sequence)
{
    return QByteArray("\x1b") + sequence;
}

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

TerminalColor referenceColor(const VTermColor& color, bool foreground)
{
    if (foreground ? VTERM_COLOR_IS_DEFAULT_FG(&color) : VTERM_COLOR_IS_DEFAULT_BG(&color))
        return {};
    if (VTERM_COLOR_IS_INDEXED(&color))
        return TerminalColor::indexed(color.indexed.idx);
    return TerminalColor::rgb(color.rgb.red, color.rgb.green, color.rgb.blue);
}

// libvterm's own screen layer, fed the same bytes: the reference our screen model must agree with.
class ReferenceScreen
{
public:
    ReferenceScreen(int rows, int columns) : m_vt(vterm_new(rows, columns))
    {
        vterm_set_utf8(m_vt, 1);
        m_screen = vterm_obtain_screen(m_vt);
        vterm_screen_enable_altscreen(m_screen, 1);
        vterm_screen_reset(m_screen, 1);
    }
    ~ReferenceScreen() { vterm_free(m_vt); }
    ReferenceScreen(const ReferenceScreen&) = delete;
    ReferenceScreen& operator=(const ReferenceScreen&) = delete;

    void write(const QByteArray& bytes) { vterm_input_write(m_vt, bytes.constData(), size_t(bytes.size())); }

    VTermPos cursor() const
    {
        VTermPos pos {};
        vterm_state_get_cursorpos(vterm_obtain_state(m_vt), &pos);
        return pos;
    }

    // Where the two disagree on the visible screen (text, width, colours, attributes), empty if nowhere.
    QString difference(const TerminalSurface& surface) const
    {
        int rows = 0;
        int columns = 0;
        vterm_get_size(m_vt, &rows, &columns);
        for (int row = 0; row < rows; ++row) {
            for (int column = 0; column < columns; ++column) {
                VTermScreenCell expected {};
                vterm_screen_get_cell(m_screen, VTermPos {row, column}, &expected);
                const TerminalCell actual = surface.cell(row, column);
                if (column > 0 && actual.width == 0) // the right half of a wide character
                    continue;
                // A wide character cut in half (erased, overwritten or shifted half): libvterm's screen keeps
                // the other half as a narrow cell, the surface blanks it. Both are fine; skip the row.
                if (splitsWideCharacter(row, columns))
                    break;
                std::u32string text;
                bool valid = true;
                for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && expected.chars[i]; ++i) {
                    text.push_back(expected.chars[i]);
                    valid = valid && expected.chars[i] <= 0x10ffff && !QChar::isSurrogate(expected.chars[i]);
                }
                if (!valid) // libvterm 0.1.4's screen leaves stale bytes in some cells: nothing to compare
                    continue;
                std::u32string got = surface.cellText(surface.screenTop() + row, column);
                if (got == U" ")
                    got.clear();
                if (text == U" ")
                    text.clear();
                const bool same = got == text && (text.empty() || actual.width == expected.width)
                                  && actual.bg == referenceColor(expected.bg, false)
                                  && (text.empty()
                                      || (actual.fg == referenceColor(expected.fg, true)
                                          && actual.has(TerminalCell::Bold) == bool(expected.attrs.bold)
                                          && actual.has(TerminalCell::Italic) == bool(expected.attrs.italic)
                                          && actual.has(TerminalCell::Reverse) == bool(expected.attrs.reverse)
                                          && actual.has(TerminalCell::Underline) == (expected.attrs.underline == 1)));
                if (!same)
                    return QStringLiteral("row %1 column %2: expected \"%3\" (width %4), got \"%5\" (width %6)%7")
                        .arg(row)
                        .arg(column)
                        .arg(QString::fromStdU32String(text))
                        .arg(int(expected.width))
                        .arg(QString::fromStdU32String(got))
                        .arg(actual.width)
                        .arg(got == text ? QStringLiteral(" in other colours or attributes") : QString());
            }
        }
        return {};
    }

private:
    bool splitsWideCharacter(int row, int columns) const
    {
        for (int column = 0; column < columns; ++column) {
            VTermScreenCell cell {};
            vterm_screen_get_cell(m_screen, VTermPos {row, column}, &cell);
            const bool rightHalf = cell.chars[0] == uint32_t(-1);
            // The stream's only wide characters are CJK ideographs: any other width means a cut one.
            const bool ideograph = cell.chars[0] >= 0x4e00 && cell.chars[0] <= 0x9fff;
            const bool cutWide = !rightHalf && cell.chars[0] && ideograph != (cell.width == 2);
            VTermScreenCell left {};
            if (column > 0)
                vterm_screen_get_cell(m_screen, VTermPos {row, column - 1}, &left);
            if (cutWide || (rightHalf && (column == 0 || left.width != 2)))
                return true;
        }
        return false;
    }

    VTerm* m_vt;
    VTermScreen* m_screen = nullptr;
};

// Where two surfaces differ (lines kept, cells, combining marks, wraps, cursor), empty if nowhere.
QString surfaceDifference(const TerminalSurface& expected, const TerminalSurface& actual)
{
    if (actual.firstLine() != expected.firstLine() || actual.screenTop() != expected.screenTop())
        return QStringLiteral("lines %1–%2, expected %3–%4")
            .arg(actual.firstLine())
            .arg(actual.screenTop())
            .arg(expected.firstLine())
            .arg(expected.screenTop());
    if (actual.cursor().row != expected.cursor().row || actual.cursor().column != expected.cursor().column)
        return QStringLiteral("cursor %1,%2, expected %3,%4")
            .arg(actual.cursor().row)
            .arg(actual.cursor().column)
            .arg(expected.cursor().row)
            .arg(expected.cursor().column);
    for (qint64 line = expected.firstLine(); line < expected.screenTop() + expected.rows(); ++line) {
        const auto want = expected.line(line);
        const auto got = actual.line(line);
        if (actual.isWrapped(line) != expected.isWrapped(line))
            return QStringLiteral("line %1: wrapped %2").arg(line).arg(actual.isWrapped(line));
        for (size_t column = 0; column < std::max(want.size(), got.size()); ++column) {
            const TerminalCell a = column < got.size() ? got[column] : TerminalCell {};
            const TerminalCell b = column < want.size() ? want[column] : TerminalCell {};
            if (a.ch != b.ch || a.width != b.width || !a.sameStyle(b)
                || actual.cellText(line, int(column)) != expected.cellText(line, int(column)))
                return QStringLiteral("line %1 column %2: \"%3\", expected \"%4\"")
                    .arg(line)
                    .arg(column)
                    .arg(QString::fromStdU32String(actual.cellText(line, int(column))))
                    .arg(QString::fromStdU32String(expected.cellText(line, int(column))));
        }
    }
    return {};
}

} // namespace

class TestTerminalSurface : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainText()
    {
        TerminalSurface s(5, 20);
        s.write("hello\r\nworld");
        QCOMPARE(s.screenText(0), u("hello"));
        QCOMPARE(s.screenText(1), u("world"));
        QCOMPARE(s.cursor().row, 1);
        QCOMPARE(s.cursor().column, 5);
        s.write("\r" + esc("[K") + "ab");
        QCOMPARE(s.screenText(1), u("ab"));
    }

    void colours()
    {
        TerminalSurface s(5, 20);
        s.write(esc("[31mR") + esc("[38;5;200mI") + esc("[38;2;1;2;3mT") + esc("[42mB") + esc("[0mD")
                + esc("[48;2;250;251;252mX") + esc("[49;39mZ"));
        QCOMPARE(s.cell(0, 0).fg, TerminalColor::indexed(1));
        QCOMPARE(s.cell(0, 1).fg, TerminalColor::indexed(200));
        QCOMPARE(s.cell(0, 2).fg, TerminalColor::rgb(1, 2, 3));
        QCOMPARE(s.cell(0, 3).bg, TerminalColor::indexed(2));
        QCOMPARE(s.cell(0, 3).fg, TerminalColor::rgb(1, 2, 3));
        QVERIFY(s.cell(0, 4).fg.isDefault());
        QVERIFY(s.cell(0, 4).bg.isDefault());
        QCOMPARE(s.cell(0, 5).bg, TerminalColor::rgb(250, 251, 252));
        QVERIFY(s.cell(0, 6).bg.isDefault());
        QVERIFY(s.cell(0, 6).fg.isDefault());
    }

    void attributes()
    {
        TerminalSurface s(5, 40);
        s.write(esc("[1mb") + esc("[22;3mi") + esc("[23;4mu") + esc("[24;7mr") + esc("[27;9ms") + esc("[29;5mk")
                + esc("[0mn") + esc("[4:2md") + esc("[4:3mc"));
        QCOMPARE(s.cell(0, 0).attrs, quint16(TerminalCell::Bold));
        QCOMPARE(s.cell(0, 1).attrs, quint16(TerminalCell::Italic));
        QCOMPARE(s.cell(0, 2).attrs, quint16(TerminalCell::Underline));
        QCOMPARE(s.cell(0, 3).attrs, quint16(TerminalCell::Reverse));
        QCOMPARE(s.cell(0, 4).attrs, quint16(TerminalCell::Strike));
        QCOMPARE(s.cell(0, 5).attrs, quint16(TerminalCell::Blink));
        QCOMPARE(s.cell(0, 6).attrs, quint16(0));
        QCOMPARE(s.cell(0, 7).attrs, quint16(TerminalCell::DoubleUnderline));
        QCOMPARE(s.cell(0, 8).attrs, quint16(TerminalCell::CurlyUnderline));
    }

    void wideAndCombining()
    {
        TerminalSurface s(5, 20);
        s.write(u("中a e\u0301x").toUtf8());
        QCOMPARE(s.cell(0, 0).ch, U'中');
        QCOMPARE(s.cell(0, 0).width, quint8(2));
        QCOMPARE(s.cell(0, 1).width, quint8(0));
        QCOMPARE(s.cell(0, 2).ch, U'a');
        QCOMPARE(s.cell(0, 4).ch, U'e');
        QVERIFY(s.cell(0, 4).has(TerminalCell::HasCombining));
        QCOMPARE(s.cellText(s.screenTop(), 4), std::u32string(U"e\u0301"));
        QCOMPARE(s.cell(0, 5).ch, U'x');
        QCOMPARE(s.screenText(0), u("中a e\u0301x"));
        QCOMPARE(s.cursor().column, 6);
        // Overwriting the right half of a wide character clears its left half.
        s.write(esc("[1;2HZ"));
        QCOMPARE(s.screenText(0), u(" Za e\u0301x"));
        // A wide character that does not fit wraps to the next line.
        TerminalSurface narrow(3, 3);
        narrow.write(u("ab中").toUtf8());
        QCOMPARE(narrow.screenText(0), u("ab"));
        QCOMPARE(narrow.screenText(1), u("中"));
    }

    // Erasing or shifting away half of a wide character leaves no half to paint over a neighbour.
    void cutWideCharacterBecomesBlank()
    {
        TerminalSurface s(3, 10);
        s.write(u("中文字\x1b[1;2H\x1b[K").toUtf8()); // erase from the right half of 中
        QCOMPARE(s.screenText(0), QString());
        s.write(u("\r\n中文字\x1b[2;4H\x1b[1P").toUtf8()); // delete the right half of 文: 字 shifts left
        QCOMPARE(s.screenText(1), u("中 字"));
        QCOMPARE(s.cell(1, 2).width, 1);
        QCOMPARE(s.cell(1, 3).width, 2);
    }

    void lineWrap()
    {
        TerminalSurface s(5, 10);
        s.write("0123456789abcde\r\n0123456789\r\nx");
        QCOMPARE(s.screenText(0), u("0123456789"));
        QCOMPARE(s.screenText(1), u("abcde"));
        QVERIFY(s.isWrapped(s.screenTop()));
        QVERIFY(!s.isWrapped(s.screenTop() + 1));
        // An exactly full line followed by CR LF is not a wrap.
        QVERIFY(!s.isWrapped(s.screenTop() + 2));
        s.selectLine({s.screenTop() + 1, 2});
        QCOMPARE(s.selectedText(), u("0123456789abcde"));
    }

    void scrollbackBoundAndContent()
    {
        TerminalSurface s(5, 20);
        s.setScrollbackCapacity(100);
        for (int i = 0; i < 1000; ++i)
            s.write(QByteArray("line ") + QByteArray::number(i) + "\r\n");
        s.flush();
        QCOMPARE(s.scrollbackLines(), 100);
        QCOMPARE(s.screenText(3), u("line 999"));
        QCOMPARE(s.screenText(4), QString());
        QCOMPARE(s.lineText(s.firstLine()), u("line 896"));
        QCOMPARE(s.lineText(s.screenTop() - 1), u("line 995"));
        // Absolute line numbers keep counting past the capacity.
        QCOMPARE(s.screenTop(), qint64(996));
        QVERIFY(s.line(s.firstLine() - 1).empty());
    }

    void scrollRegion()
    {
        TerminalSurface s(5, 10);
        s.write("a\r\nb\r\nc\r\nd\r\ne");
        // Region rows 2–4, scroll it up by one: b disappears without entering scrollback.
        s.write(esc("[2;4r") + esc("[4;1H") + "\n");
        QCOMPARE(s.scrollbackLines(), 0);
        QCOMPARE(s.screenText(0), u("a"));
        QCOMPARE(s.screenText(1), u("c"));
        QCOMPARE(s.screenText(2), u("d"));
        QCOMPARE(s.screenText(3), QString());
        QCOMPARE(s.screenText(4), u("e"));
        // Reverse index at the region's top scrolls it down.
        s.write(esc("[2;1H") + esc("M"));
        QCOMPARE(s.screenText(1), QString());
        QCOMPARE(s.screenText(2), u("c"));
        QCOMPARE(s.screenText(3), u("d"));
        // Insert and delete characters move cells within a line.
        s.write(esc("[r") + esc("[1;1H") + "hello" + esc("[1;2H") + esc("[2P"));
        QCOMPARE(s.screenText(0), u("hlo"));
        s.write(esc("[1;2H") + esc("[2@"));
        QCOMPARE(s.screenText(0), u("h  lo"));
    }

    void resizeKeepsContent()
    {
        TerminalSurface s(10, 20);
        for (int i = 0; i < 8; ++i)
            s.write(QByteArray("row ") + QByteArray::number(i) + "\r\n");
        s.write("prompt$ ");
        QCOMPARE(s.cursor().row, 8);
        s.resize(4, 20);
        QCOMPARE(s.rows(), 4);
        QCOMPARE(s.screenText(3), u("prompt$"));
        QCOMPARE(s.cursor().row, 3);
        QCOMPARE(s.cursor().column, 8);
        QCOMPARE(s.lineText(s.screenTop() - 1), u("row 4"));
        QCOMPARE(s.lineText(s.firstLine()), u("row 0"));
        // Narrow then wide again: nothing is cut.
        s.resize(4, 3);
        s.resize(4, 20);
        QCOMPARE(s.screenText(2), u("row 7"));
        // Growing pulls lines back from scrollback.
        s.resize(12, 20);
        QCOMPARE(s.scrollbackLines(), 0);
        QCOMPARE(s.screenText(0), u("row 0"));
        QCOMPARE(s.screenText(8), u("prompt$"));
        QCOMPARE(s.cursor().row, 8);
        s.write(esc("[9G") + "x");
        QCOMPARE(s.screenText(8), u("prompt$ x"));
    }

    void resizeShrinkDropsBlankLinesFirst()
    {
        TerminalSurface s(10, 20);
        s.write("top\r\nsecond");
        s.resize(5, 20);
        QCOMPARE(s.scrollbackLines(), 0);
        QCOMPARE(s.screenText(0), u("top"));
        QCOMPARE(s.cursor().row, 1);
    }

    void alternateScreen()
    {
        TerminalSurface s(5, 20);
        QSignalSpy altSpy(&s, &TerminalSurface::altScreenChanged);
        s.write("primary\r\n");
        s.write(esc("[?1049h"));
        QVERIFY(s.isAltScreen());
        QCOMPARE(altSpy.count(), 1);
        QCOMPARE(s.screenText(0), QString());
        for (int i = 0; i < 50; ++i)
            s.write("alt line\r\n");
        QCOMPARE(s.scrollbackLines(), 0);
        s.write(esc("[?1049l"));
        QVERIFY(!s.isAltScreen());
        QCOMPARE(s.screenText(0), u("primary"));
        QCOMPARE(s.scrollbackLines(), 0);
        QCOMPARE(s.cursor().row, 1);
    }

    void selectionSurvivesOutput()
    {
        TerminalSurface s(5, 30);
        s.setScrollbackCapacity(20);
        s.write("first\r\nmarker line here\r\nthird\r\n");
        const qint64 markerLine = s.screenTop() + 1;
        s.setSelection({markerLine, 0}, {markerLine + 1, 5});
        QCOMPARE(s.selectedText(), u("marker line here\nthird"));
        for (int i = 0; i < 10; ++i)
            s.write("more output\r\n");
        s.flush();
        QVERIFY(markerLine < s.screenTop());
        QCOMPARE(s.selectedText(), u("marker line here\nthird"));
        QVERIFY(s.isSelected(markerLine, 3));
        // Once the marker falls out of the scrollback the selection is trimmed, then gone.
        for (int i = 0; i < 30; ++i)
            s.write("more output\r\n");
        s.flush();
        QVERIFY(!s.hasSelection());
        QCOMPARE(s.selectedText(), QString());
    }

    void wordSelection()
    {
        TerminalSurface s(5, 40);
        s.write("ls /usr/local/bin; echo done");
        s.selectWord({s.screenTop(), 6});
        QCOMPARE(s.selectedText(), u("/usr/local/bin"));
        s.selectWord({s.screenTop(), 17});
        QCOMPARE(s.selectedText(), u(";"));
    }

    void search()
    {
        TerminalSurface s(5, 40);
        s.write("alpha beta\r\nBeta gamma\r\nnothing\r\ngamma beta\r\n");
        const QList<TerminalMatch> all = s.findAll(u("beta"));
        QCOMPARE(all.size(), 3);
        QCOMPARE(all[0].start, (TerminalPoint {s.firstLine(), 6}));
        QCOMPARE(all[0].length, 4);
        QCOMPARE(s.findAll(u("beta"), Qt::CaseSensitive).size(), 2);
        const TerminalMatch next = s.findNext(u("gamma"), all[0].start, false);
        QCOMPARE(next.start, (TerminalPoint {s.firstLine() + 1, 5}));
        const TerminalMatch previous = s.findNext(u("gamma"), next.start, true);
        QCOMPARE(previous.start, (TerminalPoint {s.firstLine() + 3, 0}));
        QCOMPARE(s.findNext(u("missing"), {}, false).length, 0);
        // Matches after a wide character report cell columns.
        s.write(u("中文 beta").toUtf8());
        const QList<TerminalMatch> wide = s.findAll(u("beta"));
        QCOMPARE(wide.last().start.column, 5);
    }

    void searchInScrollback()
    {
        TerminalSurface s(3, 20);
        s.write("needle\r\n");
        for (int i = 0; i < 30; ++i)
            s.write("hay\r\n");
        QCOMPARE(s.findAll(u("needle")).size(), 1);
        QVERIFY(s.findAll(u("needle")).first().start.line < s.screenTop());
    }

    void urls()
    {
        TerminalSurface s(5, 80);
        s.write("see https://example.com/path?q=1. done\r\n(http://a.b/c) x");
        const qint64 top = s.screenTop();
        QCOMPARE(s.urlAt({top, 10}), u("https://example.com/path?q=1"));
        QCOMPARE(s.urlAt({top, 4}), u("https://example.com/path?q=1"));
        QCOMPARE(s.urlAt({top, 1}), QString());
        QCOMPARE(s.urlAt({top, 33}), QString());
        QCOMPARE(s.urlAt({top + 1, 3}), u("http://a.b/c"));
        // A URL wrapped over two lines is found from either part.
        TerminalSurface narrow(5, 10);
        narrow.write("https://example.org/xyz");
        QCOMPARE(narrow.urlAt({narrow.screenTop() + 2, 1}), u("https://example.org/xyz"));
    }

    void keyboard()
    {
        TerminalSurface s(5, 20);
        QByteArray sent;
        connect(&s, &TerminalSurface::sendToSession, this, [&sent](const QByteArray& b) { sent += b; });
        auto key = [&](int k, Qt::KeyboardModifiers m = Qt::NoModifier, const QString& text = {}) {
            sent.clear();
            s.sendKey(k, m, text);
            return sent;
        };
        QCOMPARE(key(Qt::Key_Up), esc("[A"));
        QCOMPARE(key(Qt::Key_Left), esc("[D"));
        QCOMPARE(key(Qt::Key_Return), QByteArray("\r"));
        QCOMPARE(key(Qt::Key_Backspace), QByteArray("\x7f"));
        QCOMPARE(key(Qt::Key_C, Qt::ControlModifier, u("\x03")), QByteArray("\x03"));
        QCOMPARE(key(Qt::Key_D, Qt::ControlModifier, u("\x04")), QByteArray("\x04"));
        QCOMPARE(key(Qt::Key_M, Qt::ControlModifier, u("\r")), QByteArray("\r"));
        QCOMPARE(key(Qt::Key_X, Qt::AltModifier, u("x")), esc("x"));
        QCOMPARE(key(Qt::Key_A, Qt::ShiftModifier, u("A")), QByteArray("A"));
        QCOMPARE(key(Qt::Key_unknown, Qt::NoModifier, u("é")), u("é").toUtf8());
        QCOMPARE(key(Qt::Key_Up, Qt::ControlModifier), esc("[1;5A"));
        QCOMPARE(key(Qt::Key_F1), esc("OP"));
        QCOMPARE(key(Qt::Key_Shift, Qt::ShiftModifier), QByteArray());
        // Application cursor mode (DECCKM).
        s.write(esc("[?1h"));
        QCOMPARE(key(Qt::Key_Up), esc("OA"));
        s.write(esc("[?1l"));
        QCOMPARE(key(Qt::Key_Up), esc("[A"));
    }

    void bracketedPaste()
    {
        TerminalSurface s(5, 20);
        QByteArray sent;
        connect(&s, &TerminalSurface::sendToSession, this, [&sent](const QByteArray& b) { sent += b; });
        QVERIFY(!s.bracketedPasteMode());
        s.paste(u("a\nb"));
        QCOMPARE(sent, QByteArray("a\rb"));
        s.write(esc("[?2004h"));
        QVERIFY(s.bracketedPasteMode());
        sent.clear();
        s.paste(u("a\r\nb\x1b[201~"));
        QCOMPARE(sent, esc("[200~a\rb[201~") + esc("[201~"));
    }

    void mouseReporting()
    {
        TerminalSurface s(5, 20);
        QSignalSpy modeSpy(&s, &TerminalSurface::mouseModeChanged);
        QByteArray sent;
        connect(&s, &TerminalSurface::sendToSession, this, [&sent](const QByteArray& b) { sent += b; });
        s.mouseMove(1, 2, Qt::NoModifier);
        s.mouseButton(1, true, Qt::NoModifier);
        s.mouseButton(1, false, Qt::NoModifier);
        QVERIFY2(sent.isEmpty(), sent.toHex().constData());
        s.write(esc("[?1000h") + esc("[?1006h"));
        QCOMPARE(s.mouseMode(), TerminalSurface::MouseMode::Click);
        QCOMPARE(modeSpy.count(), 1);
        s.mouseMove(1, 2, Qt::NoModifier);
        s.mouseButton(1, true, Qt::NoModifier);
        s.mouseButton(1, false, Qt::NoModifier);
        QCOMPARE(sent, esc("[<0;3;2M") + esc("[<0;3;2m"));
    }

    void titleCursorBell()
    {
        TerminalSurface s(5, 20);
        QSignalSpy titleSpy(&s, &TerminalSurface::titleChanged);
        QSignalSpy bellSpy(&s, &TerminalSurface::bell);
        s.write(esc("]0;my title\x07") + "\x07");
        QCOMPARE(titleSpy.count(), 1);
        QCOMPARE(s.title(), u("my title"));
        QCOMPARE(bellSpy.count(), 1);
        s.write(esc("[?25l") + esc("[4 q"));
        QVERIFY(!s.cursor().visible);
        QCOMPARE(s.cursor().shape, TerminalCursor::Underline);
        s.write(esc("[?25h") + esc("[6 q"));
        QVERIFY(s.cursor().visible);
        QCOMPARE(s.cursor().shape, TerminalCursor::Bar);
    }

    void answersQueries()
    {
        TerminalSurface s(5, 20);
        QByteArray sent;
        connect(&s, &TerminalSurface::sendToSession, this, [&sent](const QByteArray& b) { sent += b; });
        s.write(esc("[3;4H") + esc("[6n"));
        QCOMPARE(sent, esc("[3;4R"));
    }

    void damageIsCoalesced()
    {
        TerminalSurface s(5, 20);
        QSignalSpy spy(&s, &TerminalSurface::invalidated);
        s.flush();
        QCOMPARE(spy.count(), 0);
        s.write("a");
        s.write("\r\nb");
        s.write("\r\nc");
        s.flush();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toLongLong(), s.screenTop());
        QCOMPARE(spy.at(0).at(1).toLongLong(), s.screenTop() + 2);
        QCOMPARE(spy.at(0).at(2).toInt(), 0);
        s.write("\r\n\r\n\r\n\r\n");
        s.flush();
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(2).toInt(), 2);
        s.flush();
        QCOMPARE(spy.count(), 2);
    }

    // A seeded random mix of what programs print, fed to the surface and to libvterm's own screen layer:
    // the screens must agree after every chunk (the surface's fast paths must not change the result).
    void agreesWithLibvtermScreen()
    {
        const quint32 seed = 20261129;
        QRandomGenerator rng(seed);
        const int rows = 12;
        const int columns = 40;
        TerminalSurface surface(rows, columns);
        ReferenceScreen reference(rows, columns);
        const char* sequences[] = {"[%dA",
                                   "[%dB",
                                   "[%dC",
                                   "[%dD",
                                   "[%d;%dH",
                                   "[%dJ",
                                   "[%dK",
                                   "[%dL",
                                   "[%dM",
                                   "[%dP",
                                   "[%d@",
                                   "[%dX",
                                   "[%dG",
                                   "[%dd",
                                   "[%dm",
                                   "[1;%dm",
                                   "[38;5;%dm",
                                   "[48;5;%dm",
                                   "[38;2;%d;9;%dm",
                                   "[%d;%dr",
                                   "[%dS",
                                   "[%dT",
                                   "[4h",
                                   "[4l",
                                   "M",
                                   "D",
                                   "E",
                                   "7",
                                   "8",
                                   "[?1049h",
                                   "[?1049l",
                                   "[?7l",
                                   "[?7h",
                                   "(0",
                                   "(B"};
        const char* texts[] = {"hello", "wide 中文字", "e\u0301 combining", "box ─│┌┐", "𝄞", "\t", "\b", "x"};
        for (int chunkNo = 0; chunkNo < 4000; ++chunkNo) {
            QByteArray chunk;
            for (int piece = rng.bounded(1, 40); piece > 0; --piece) {
                const int kind = rng.bounded(10);
                if (kind < 4) {
                    QByteArray seq = sequences[rng.bounded(int(std::size(sequences)))];
                    while (seq.contains("%d"))
                        seq.replace(seq.indexOf("%d"), 2, QByteArray::number(rng.bounded(0, 50)));
                    chunk.append('\x1b').append(seq);
                } else if (kind < 8) {
                    chunk.append(texts[rng.bounded(int(std::size(texts)))]);
                    for (int i = rng.bounded(0, 60); i > 0; --i)
                        chunk.append(char(rng.bounded(0x20, 0x7f)));
                } else {
                    chunk.append(rng.bounded(2) ? "\r\n" : "\n");
                }
            }
            surface.write(chunk);
            reference.write(chunk);
            const QString difference = reference.difference(surface);
            QVERIFY2(difference.isEmpty(),
                     qPrintable(QStringLiteral("chunk %1 (seed %2): %3").arg(chunkNo).arg(seed).arg(difference)));
        }
    }

    // libvterm restores a saved cursor as it was saved, also after the screen shrank under it (DECRC, or
    // leaving a full-screen program's alternate screen): the cursor must come back onto the screen.
    void restoredCursorStaysOnScreen()
    {
        for (const char* restore : {"\x1b"
                                    "8",
                                    "\x1b[?1049l",
                                    "\x1b[?1048l"}) {
            TerminalSurface s(30, 80);
            s.write(esc("[28;70H") + (QByteArray(restore).contains("?1049") ? esc("[?1049h") : esc("7")));
            if (QByteArray(restore).contains("?1048"))
                s.write(esc("[?1048h"));
            s.resize(10, 40);
            s.write(QByteArray(restore) + "text" + esc("#6") + "more" + esc("8") + "\r\nend");
            QVERIFY2(s.cursor().row < 10 && s.cursor().column < 40, restore);
            QCOMPARE(s.screenText(s.cursor().row), u("end"));
        }
    }

    // libvterm clamps the scrolling region's bottom to a screen that shrinks, not its top: a line feed at the
    // bottom would then scroll a negative height (a memmove of nearly 2^64 bytes). The region is reset instead.
    void scrollRegionBelowAShrunkScreenIsReset()
    {
        TerminalSurface s(30, 80);
        s.write(esc("[20;25r") + esc("[22;1H") + "in the region");
        s.resize(10, 80);
        s.write(esc("[2J") + esc("[10;1H") + "first\r\nsecond\r\nthird");
        QCOMPARE(s.screenText(9), u("third"));
        QCOMPARE(s.screenText(8), u("second"));
        QCOMPARE(s.screenText(7), u("first"));
        s.write(esc("[S"));
        QCOMPARE(s.screenText(8), u("third"));
    }

    // `clear` ends with ED 3, clear the scrollback; libvterm 0.1 ignores it, the surface drops the scrollback
    // where the sequence stands: lines that scroll off after it stay.
    void clearScrollback()
    {
        TerminalSurface s(5, 20);
        for (int i = 0; i < 20; ++i)
            s.write("line " + QByteArray::number(i) + "\r\n");
        QCOMPARE(s.scrollbackLines(), 16);
        s.write(esc("[H") + esc("[2J") + esc("[3J") + "prompt");
        QCOMPARE(s.scrollbackLines(), 0);
        QCOMPARE(s.screenText(0), u("prompt"));
        s.write(esc("[3J") + "a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng");
        QCOMPARE(s.scrollbackLines(), 2);
        QCOMPARE(s.lineText(s.firstLine()), u("prompta"));
        // Cut between two writes, it still clears (at the end of the write that completes it).
        s.write(esc("[3"));
        s.write("J");
        QCOMPARE(s.scrollbackLines(), 0);
        QCOMPARE(s.screenText(4), u("g"));
        // The alternate screen has no scrollback of its own; the primary's goes.
        s.write("\r\n\r\n");
        QCOMPARE(s.scrollbackLines(), 2);
        s.write(esc("[?1049h") + esc("[3J") + esc("[?1049l"));
        QCOMPARE(s.scrollbackLines(), 0);
    }

    // Plain ASCII text takes a path of its own (TerminalTextScanner): long runs that wrap, cut anywhere between
    // writes, under every mode that changes how text lands (character sets, shifts, insert, origin, margins,
    // double-width lines, no autowrap) and next to what libvterm must still see (combining marks, wide
    // characters, broken UTF-8, strings), with the screen resized now and then. After every write the lines,
    // scrollback included, and the cursor must be exactly those of a surface that leaves all of it to libvterm.
    void plainTextShortcutChangesNothing()
    {
        const quint32 seed = 20261130;
        QRandomGenerator rng(seed);
        TerminalSurface fast(8, 30);
        TerminalSurface slow(8, 30);
        slow.setPlainTextShortcut(false);
        for (TerminalSurface* s : {&fast, &slow})
            s->setScrollbackCapacity(50);
        const char* sequences[] = {"(0",   "(B",      ")0",   ")B",   "(A",   "*0",    "n",     "o",       "N",
                                   "O",    "[4h",     "[4l",  "[?6h", "[?6l", "[?69h", "[?69l", "[%d;%ds", "[%d;%dr",
                                   "#6",   "#3",      "#5",   "7",    "8",    "c",     "[?7l",  "[?7h",    "[%dC",
                                   "[%dD", "[%d;%dH", "[%dm", "[%d@", "[%dP", "[4;6h", "[6;4l", "[?6;69h", "[!p",
                                   "[3J",  "[%dG",    "[%dK", "M",    "D"};
        const char* others[] = {"\x0e",
                                "\x0f",
                                "\r\n",
                                "\n",
                                "\r",
                                "\b",
                                "\t",
                                "\xcc\x81",
                                "e\xcc\x81",
                                "\xe4\xb8\xad",
                                "\xc3",
                                "\x7f",
                                "\x1b]0;a title that is long enough to be text\x07",
                                "\x1bP$qm a request that looks like text\x1b\\"};
        QByteArray stream;
        while (stream.size() < 400000) {
            const int kind = rng.bounded(10);
            if (kind < 5) {
                for (int i = rng.bounded(1, 100); i > 0; --i)
                    stream.append(char(rng.bounded(0x20, 0x7f)));
            } else if (kind < 8) {
                QByteArray seq = sequences[rng.bounded(int(std::size(sequences)))];
                while (seq.contains("%d"))
                    seq.replace(seq.indexOf("%d"), 2, QByteArray::number(rng.bounded(0, 35)));
                stream.append('\x1b').append(seq);
            } else {
                stream.append(others[rng.bounded(int(std::size(others)))]);
            }
        }
        for (qsizetype at = 0; at < stream.size();) {
            const QByteArray chunk = stream.mid(at, rng.bounded(1, 300));
            at += chunk.size();

            if (rng.bounded(200) == 0) {
                const int rows = rng.bounded(1, 12);
                const int columns = rng.bounded(1, 50);
                fast.resize(rows, columns);
                slow.resize(rows, columns);
            }
            fast.write(chunk);
            slow.write(chunk);
            const QString difference = surfaceDifference(slow, fast);
            QVERIFY2(difference.isEmpty(),
                     qPrintable(QStringLiteral("%1 at byte %2 (seed %3)").arg(difference).arg(at).arg(seed)));
        }
    }

    // Seeded random bytes and escape sequences: nothing may crash and the model stays consistent.
    void randomStress()
    {
        const quint32 seed = 20261128;
        QRandomGenerator rng(seed);
        TerminalSurface s(24, 80);
        s.setScrollbackCapacity(500);
        const char* sequences[] = {
            "[%dA",    "[%dB",  "[%dC",  "[%d;%dH",   "[%dJ",       "[%dK",    "[%dL",      "[%dM",
            "[%dP",    "[%d@",  "[%dX",  "[%d;%dr",   "[%dS",       "[%dT",    "[38;5;%dm", "[48;2;%d;%d;%dm",
            "[%dm",    "[?%dh", "[?%dl", "]0;%d\x07", "[%d;%d;%dm", "M",       "D",         "E",
            "7",       "8",     "c",     "[?1049h",   "[?1049l",    "[%d q",   "#8",        "P%d\x1b\\",
            "[%d;%dt", "[%dG",  "[%dd",  "#6",        "#3",         "[?1048h", "[?1048l"};
        const int sequenceCount = int(std::size(sequences));
        const int interesting[] = {1, 3, 5, 6, 7, 9, 12, 25, 47, 1000, 1002, 1003, 1004, 1006, 1047, 1048, 2004};
        QByteArray chunk;
        qint64 total = 0;
        const qint64 target = 20 * 1024 * 1024;
        int maxColumns = 80;
        while (total < target) {
            chunk.clear();
            while (chunk.size() < 8192) {
                const int kind = rng.bounded(10);
                if (kind < 4) {
                    for (int i = rng.bounded(1, 64); i > 0; --i)
                        chunk.append(char(rng.bounded(256)));
                } else if (kind < 7) {
                    QByteArray seq = sequences[rng.bounded(sequenceCount)];
                    const int argument = rng.bounded(3) == 0 ? interesting[rng.bounded(int(std::size(interesting)))]
                                                             : rng.bounded(-2, 300);
                    seq.replace("%d", QByteArray::number(argument));
                    chunk.append('\x1b').append(seq);
                } else if (kind < 9) {
                    chunk.append(u("text 中文 e\u0301 ✓ 𝄞 ").toUtf8());
                } else {
                    chunk.append("\r\n");
                }
            }
            s.write(chunk);
            total += chunk.size();
            if (rng.bounded(50) == 0) {
                const int columns = rng.bounded(1, 200);
                maxColumns = std::max(maxColumns, columns);
                s.resize(rng.bounded(1, 60), columns);
            }
            if (rng.bounded(20) == 0) {
                s.flush();
                const qint64 line = s.firstLine() + rng.bounded(int(s.screenTop() - s.firstLine() + s.rows()));
                s.setSelection({line, rng.bounded(100)}, {line + rng.bounded(30), rng.bounded(100)});
                s.selectedText();
                s.urlAt({line, rng.bounded(80)});
            }
            const TerminalCursor c = s.cursor();
            QVERIFY2(c.row >= 0 && c.row < s.rows() && c.column >= 0 && c.column < s.columns(),
                     qPrintable(QStringLiteral("cursor %1,%2 outside %3x%4 (seed %5)")
                                    .arg(c.row)
                                    .arg(c.column)
                                    .arg(s.rows())
                                    .arg(s.columns())
                                    .arg(seed)));
            QVERIFY(s.scrollbackLines() >= 0 && s.scrollbackLines() <= s.scrollbackCapacity());
        }
        s.flush();
        for (qint64 l = s.firstLine(); l < s.screenTop() + s.rows(); ++l) {
            const auto cells = s.line(l);
            QVERIFY(int(cells.size()) <= maxColumns);
            for (const TerminalCell& cell : cells)
                QVERIFY(cell.width <= 2);
        }
        QVERIFY(s.line(s.screenTop() + s.rows()).empty());
        s.findAll(u("text"));
        // Still a working terminal afterwards.
        s.write(esc("c") + "after stress");
        QCOMPARE(s.screenText(0), u("after stress"));
    }
};

QTEST_GUILESS_MAIN(TestTerminalSurface)
#include "tst_terminalsurface.moc"
