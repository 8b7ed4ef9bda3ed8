#include "ui/terminal/terminalsurface.h"

#include "ui/terminal/terminaltextscanner.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <string_view>
#include <vector>

#include <vterm.h>

// libvterm 0.2 (Ubuntu 24.04 ships 0.3) hands strings over in fragments and lets the resize callback move the
// cursor and reallocate the line infos; 0.1 (Debian 12) passes whole strings and a cursor delta.
#define KNOT_LIBVTERM_FRAGMENTS (VTERM_VERSION_MAJOR > 0 || VTERM_VERSION_MINOR >= 2)

#include <QRegularExpression>

namespace Knot {

namespace {

struct Line
{
    std::vector<TerminalCell> cells;
    // Combining marks are rare: kept aside per line so a cell stays 16 bytes.
    std::vector<std::pair<int, std::u32string>> combining;
    bool wrapped = false;

    void clear()
    {
        cells.clear();
        combining.clear();
        wrapped = false;
    }
    // Makes the line at least `size` cells long; `columns` is the screen's width.
    void ensure(int size, int columns)
    {
        if (int(cells.size()) >= size)
            return;
        // Lines start small (most are short); one that outgrows that is most likely a full one, so it
        // gets the screen's width at once (each growth is an allocation and a copy).
        if (cells.capacity() < size_t(size)) {
            constexpr size_t Short = 32;
            const size_t wanted = size_t(size) <= Short ? Short
                                  : size <= columns     ? size_t(columns)
                                                        : std::max(size_t(size), cells.capacity() * 2);
            cells.reserve(wanted);
        }
        // Text mostly lands one cell past the end: the inlined emplace_back beats resize's out-of-line path.
        if (size_t(size) == cells.size() + 1)
            cells.emplace_back();
        else
            cells.resize(size_t(size));
    }
    bool isBlank() const
    {
        return std::all_of(cells.begin(), cells.end(), [](const TerminalCell& c) {
            return (c.ch == 0 || c.ch == U' ') && c.bg.isDefault() && !(c.attrs & TerminalCell::Reverse);
        });
    }
    const std::u32string* marks(int column) const
    {
        for (const auto& [col, marks] : combining) {
            if (col == column)
                return &marks;
        }
        return nullptr;
    }
    void dropMarks(int column)
    {
        std::erase_if(combining, [column](const auto& entry) { return entry.first == column; });
    }
    void setMarks(int column, std::u32string marks)
    {
        for (auto& entry : combining) {
            if (entry.first == column) {
                entry.second = std::move(marks);
                return;
            }
        }
        combining.emplace_back(column, std::move(marks));
    }
};

// Scrollback and screen in one ring: the screen is the last `rows` lines. Scrolling the whole screen
// appends a line (reusing the oldest when full), so no cell moves. Line numbers are absolute:
// `dropped` counts the lines that fell off the front.
class LineRing
{
public:
    void reset(int capacity)
    {
        m_lines.clear();
        m_lines.resize(size_t(std::max(capacity, 1)));
        m_start = 0;
        m_count = 0;
    }
    int capacity() const { return int(m_lines.size()); }
    int count() const { return m_count; }
    qint64 begin() const { return m_dropped; }
    qint64 end() const { return m_dropped + m_count; }
    bool contains(qint64 line) const { return line >= begin() && line < end(); }

    Line& at(qint64 line)
    {
        size_t index = m_start + size_t(line - m_dropped);
        if (index >= m_lines.size())
            index -= m_lines.size();
        return m_lines[index];
    }
    const Line& at(qint64 line) const { return const_cast<LineRing*>(this)->at(line); }

    Line& append()
    {
        if (m_count == capacity()) {
            m_start = (m_start + 1) % m_lines.size();
            ++m_dropped;
        } else {
            ++m_count;
        }
        Line& line = at(end() - 1);
        line.clear();
        if (m_count == capacity()) {
            // The oldest line is recycled by the next scroll: start fetching its cells now, so writing
            // them then does not wait on memory (the ring is far bigger than any cache).
            const Line& next = m_lines[m_start];
            const char* cells = reinterpret_cast<const char*>(next.cells.data());
            const size_t bytes = next.cells.capacity() * sizeof(TerminalCell);
            for (size_t offset = 0; offset < bytes; offset += 64)
                __builtin_prefetch(cells + offset, 1);
        }
        return line;
    }
    // Forgets the oldest lines, as if they had scrolled out of the scrollback.
    void dropOldest(int lines)
    {
        lines = std::clamp(lines, 0, m_count);
        for (int i = 0; i < lines; ++i)
            at(begin() + i).clear();
        m_start = (m_start + size_t(lines)) % m_lines.size();
        m_count -= lines;
        m_dropped += lines;
    }
    void removeLast()
    {
        at(end() - 1).clear();
        --m_count;
    }
    // Keeps the newest lines.
    void setCapacity(int capacity)
    {
        capacity = std::max(capacity, 1);
        if (capacity == this->capacity())
            return;
        std::vector<Line> lines(static_cast<size_t>(capacity));
        const int keep = std::min(m_count, capacity);
        for (int i = 0; i < keep; ++i)
            lines[size_t(i)] = std::move(at(end() - keep + i));
        m_dropped += m_count - keep;
        m_lines = std::move(lines);
        m_start = 0;
        m_count = keep;
    }

private:
    std::vector<Line> m_lines;
    size_t m_start = 0;
    int m_count = 0;
    qint64 m_dropped = 0;
};

struct VTermDeleter
{
    void operator()(VTerm* vt) const { vterm_free(vt); }
};

// libvterm allocates through these, so memory it hands over (line infos on resize) is ours to reallocate the same
// way. Zeroed, as libvterm expects.
void* vtermAllocate(size_t size, void*)
{
    return std::calloc(1, size);
}

void vtermFree(void* memory, void*)
{
    std::free(memory);
}

TerminalColor toColor(const VTermColor& color, bool foreground)
{
    if (foreground ? VTERM_COLOR_IS_DEFAULT_FG(&color) : VTERM_COLOR_IS_DEFAULT_BG(&color))
        return {};
    if (VTERM_COLOR_IS_INDEXED(&color))
        return TerminalColor::indexed(color.indexed.idx);
    return TerminalColor::rgb(color.rgb.red, color.rgb.green, color.rgb.blue);
}

VTermModifier toModifier(Qt::KeyboardModifiers modifiers)
{
    int mod = VTERM_MOD_NONE;
    if (modifiers & Qt::ShiftModifier)
        mod |= VTERM_MOD_SHIFT;
    if (modifiers & Qt::AltModifier)
        mod |= VTERM_MOD_ALT;
    if (modifiers & Qt::ControlModifier)
        mod |= VTERM_MOD_CTRL;
    return VTermModifier(mod);
}

VTermKey toVTermKey(int key, Qt::KeyboardModifiers modifiers)
{
    const bool keypad = modifiers & Qt::KeypadModifier;
    switch (key) {
    case Qt::Key_Return:
        return VTERM_KEY_ENTER;
    case Qt::Key_Enter:
        return keypad ? VTERM_KEY_KP_ENTER : VTERM_KEY_ENTER;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return VTERM_KEY_TAB;
    case Qt::Key_Backspace:
        return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape:
        return VTERM_KEY_ESCAPE;
    case Qt::Key_Up:
        return VTERM_KEY_UP;
    case Qt::Key_Down:
        return VTERM_KEY_DOWN;
    case Qt::Key_Left:
        return VTERM_KEY_LEFT;
    case Qt::Key_Right:
        return VTERM_KEY_RIGHT;
    case Qt::Key_Insert:
        return VTERM_KEY_INS;
    case Qt::Key_Delete:
        return VTERM_KEY_DEL;
    case Qt::Key_Home:
        return VTERM_KEY_HOME;
    case Qt::Key_End:
        return VTERM_KEY_END;
    case Qt::Key_PageUp:
        return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown:
        return VTERM_KEY_PAGEDOWN;
    default:
        break;
    }
    if (key >= Qt::Key_F1 && key <= Qt::Key_F35)
        return VTermKey(VTERM_KEY_FUNCTION(key - Qt::Key_F1 + 1));
    return VTERM_KEY_NONE;
}

bool isWordChar(char32_t ch)
{
    if (ch == 0)
        return false;
    if (ch > 0xffff)
        return true;
    const QChar c {char16_t(ch)};
    return c.isLetterOrNumber() || QStringView(u"_-.~/+@%#=").contains(c);
}

} // namespace

struct TerminalSurface::Private
{
    TerminalSurface* q;
    std::unique_ptr<VTerm, VTermDeleter> vt;
    VTermState* state = nullptr;
    TerminalTextScanner scanner;
    bool plainTextShortcut = true;
    // The screen shrank since the cursor was last saved: libvterm would restore it as saved, off the screen.
    bool savedCursorOffScreen = false;
    LineRing primary;
    LineRing alternate;
    LineRing* active = &primary;
    TerminalCell pen;

    qint64 damageFirst = std::numeric_limits<qint64>::max();
    qint64 damageLast = -1;
    int scrolled = 0;
    bool cursorDirty = false;
    bool titleDirty = false;
    bool altDirty = false;
    bool mouseDirty = false;
    int bells = 0;

    // Autowrap is invisible in libvterm 0.1.4's state layer: a glyph that fills the last column followed
    // by one at column 0 of the next line, with no cursor move in between, is a wrap.
    bool wrapCandidate = false;
    qint64 wrapLine = -1;

    QByteArray out;
    bool capturing = false;
    QByteArray titleFragments; // libvterm ≥ 0.2: the title so far

    // The line the last glyph went to, damaged already: the next glyph on that row takes the fast path.
    // Forgotten by every callback that may move lines or rows, and by flush() (which clears damage).
    int glyphRow = -1;
    Line* glyphLine = nullptr;
    qint64 glyphLineNo = -1;
    void forgetGlyphLine() { glyphRow = -1; }

    qint64 screenTop() const { return active->end() - q->m_rows; }
    Line& row(int r) { return active->at(screenTop() + r); }

    void damage(qint64 first, qint64 last)
    {
        damageFirst = std::min(damageFirst, first);
        damageLast = std::max(damageLast, last);
    }
    void damageRows(int first, int last) { damage(screenTop() + first, screenTop() + last); }

    TerminalCell blank() const
    {
        TerminalCell c;
        c.bg = pen.bg;
        return c;
    }
    void fill(Line& line, int from, int to)
    {
        const int columns = q->m_columns;
        if (to >= columns && pen.bg.isDefault()) {
            if (int(line.cells.size()) > from)
                line.cells.resize(size_t(from));
        } else {
            line.ensure(to, columns);
            std::fill(line.cells.begin() + from, line.cells.begin() + to, blank());
        }
        std::erase_if(line.combining, [from, to](const auto& e) { return e.first >= from && e.first < to; });
        if (to >= columns)
            line.wrapped = false;
        blankCutHalves(line, from - 1);
        blankCutHalves(line, to);
    }
    // A wide character whose other half was erased, overwritten or shifted away becomes a blank, so it is
    // never painted over its neighbour. Checks the cell at `column` of `line`.
    void blankCutHalves(Line& line, int column)
    {
        const int size = int(line.cells.size());
        if (column < 0 || column >= size)
            return;
        const TerminalCell& cell = line.cells[size_t(column)];
        const bool orphanRight = cell.width == 0 && (column == 0 || line.cells[size_t(column - 1)].width != 2);
        const bool orphanLeft = cell.width == 2 && (column + 1 >= size || line.cells[size_t(column + 1)].width != 0);
        if (orphanRight || orphanLeft) {
            line.dropMarks(column);
            line.cells[size_t(column)] = blank();
        }
    }
    void newLine(Line& line)
    {
        // No reserve for the full width here: while the ring fills, a fresh 1.6 KB block per line (most
        // lines are short) made a flood page-fault its way through memory. Lines grow as written and
        // recycled lines keep their capacity.
        if (!pen.bg.isDefault())
            fill(line, 0, q->m_columns);
    }

    void emitOutput()
    {
        if (out.isEmpty() || capturing)
            return;
        const QByteArray bytes = std::exchange(out, {});
        Q_EMIT q->sendToSession(bytes);
    }

    // Rows shrink: blank lines under the cursor go first, the rest moves into scrollback.
    int resizeRing(LineRing& ring, int oldRows, int newRows, int cursorRow, int scrollback)
    {
        int delta = 0;
        if (newRows < oldRows) {
            int remove = oldRows - newRows;
            int below = oldRows - 1 - cursorRow;
            while (remove > 0 && below > 0 && ring.at(ring.end() - 1).isBlank()) {
                ring.removeLast();
                --remove;
                --below;
            }
            // The cursor must stay on screen: what does not fit above it is cut below it.
            const int up = std::min(remove, std::max(cursorRow, 0));
            for (int i = up; i < remove; ++i)
                ring.removeLast();
            delta = -up;
            ring.setCapacity(scrollback + newRows);
        } else if (newRows > oldRows) {
            ring.setCapacity(scrollback + newRows);
            const int add = newRows - oldRows;
            const int pull = std::min(add, ring.count() - oldRows);
            delta = pull;
            for (int i = pull; i < add; ++i)
                ring.append();
        }
        return delta;
    }

    // Prints a stretch of plain text the scanner found (TerminalTextScanner) without libvterm's per-character
    // work, row by row: the characters that fit before the row's last column are stored here and libvterm's
    // cursor moves past them (so the move cannot clamp and leaves no wrap pending, as libvterm's own printing
    // would); libvterm prints the next two, the one in the last column and the one that wraps. Returns how much
    // of the stretch it took; the rest goes through libvterm.
    qsizetype printPlain(const char* text, qsizetype length)
    {
        uint32_t chars[2] = {0, 0};
        VTermGlyphInfo glyph {};
        glyph.chars = chars;
        glyph.width = 1;
        qsizetype done = 0;
        while (done < length) {
            VTermPos pos;
            vterm_state_get_cursorpos(state, &pos);
            const VTermLineInfo* info = vterm_state_get_lineinfo(state, pos.row);
            const qsizetype count = std::min(length - done, qsizetype(q->m_columns - 1 - pos.col));
            if ((info && info->doublewidth) || count < TerminalTextScanner::MinimumRun)
                break;
            for (qsizetype i = 0; i < count; ++i) {
                chars[0] = uchar(text[done + i]);
                putglyph(&glyph, VTermPos {pos.row, pos.col + int(i)}, this);
            }
            char move[24];
            const int size = std::snprintf(move, sizeof move, "\x1b[%dC", int(count));
            vterm_input_write(vt.get(), move, size_t(size));
            done += count;
            const qsizetype wrap = std::min(length - done, qsizetype(2));
            vterm_input_write(vt.get(), text + done, size_t(wrap));
            done += wrap;
        }
        return done;
    }

    void write(const char* bytes, qsizetype length, const std::vector<TerminalTextScanner::Run>& runs)
    {
        qsizetype done = 0;
        for (const TerminalTextScanner::Run& run : runs) {
            vterm_input_write(vt.get(), bytes + done, size_t(run.offset - done));
            done = run.offset + printPlain(bytes + run.offset, run.length);
        }
        vterm_input_write(vt.get(), bytes + done, size_t(length - done));
    }

    // Byte by byte, so that a restored cursor off the screen is clamped before anything uses it (libvterm would
    // index its line infos with it, and write there for a double-width line). Only for bytes that restore the
    // cursor after the screen shrank.
    void writeClampingCursor(const char* bytes, qsizetype length)
    {
        for (qsizetype i = 0; i < length; ++i) {
            vterm_input_write(vt.get(), bytes + i, 1);
            VTermPos pos;
            vterm_state_get_cursorpos(state, &pos);
            if (pos.row >= q->m_rows || pos.col >= q->m_columns) {
                // A DEC private mode libvterm does not know: it changes nothing, and ends as every control
                // sequence does, by clamping the cursor to the screen (or the scrolling region in origin mode).
                static constexpr char clamp[] = "\x1b[?0h";
                vterm_input_write(vt.get(), clamp, sizeof clamp - 1);
            }
        }
    }

    void clearScrollback()
    {
        const int lines = primary.count() - q->m_rows;
        if (lines <= 0)
            return;
        primary.dropOldest(lines);
        damageRows(0, q->m_rows - 1);
    }

    // The scanner counts the scrollback clears but cannot say where they are. In the form `clear` sends they are
    // found in the bytes, and the scrollback goes right after each, so lines that scroll off later in the same
    // bytes stay; in any other form (or cut between two writes) it goes at the end.
    void writeClearingScrollback(const char* bytes, qsizetype length, int clears)
    {
        static constexpr std::string_view clear = "\x1b[3J";
        const std::string_view text(bytes, size_t(length));
        std::vector<size_t> ends;
        for (size_t at = text.find(clear); at != std::string_view::npos; at = text.find(clear, at + clear.size()))
            ends.push_back(at + clear.size());
        if (int(ends.size()) != clears)
            ends = {text.size()};
        size_t done = 0;
        for (const size_t end : ends) {
            vterm_input_write(vt.get(), bytes + done, end - done);
            clearScrollback();
            done = end;
        }
        vterm_input_write(vt.get(), bytes + done, text.size() - done);
    }

    // Writes bytes of our own; the scanner's parser sees them too, so it stays in step with libvterm's.
    void inject(const char* bytes, qsizetype length)
    {
        scanner.scan(bytes, length);
        vterm_input_write(vt.get(), bytes, size_t(length));
    }

    // --- libvterm state callbacks ---

    // Most glyphs are narrow characters written over narrow cells of the row the previous glyph went to.
    // Flattened: vector's append would otherwise stay an out-of-line call on the hottest path.
    [[gnu::flatten]] static int putglyph(VTermGlyphInfo* info, VTermPos pos, void* user)
    {
        auto* d = static_cast<Private*>(user);
        const int col = pos.col;
        if (pos.row == d->glyphRow && info->width == 1 && !info->chars[1] && col > 0) [[likely]] {
            std::vector<TerminalCell>& cells = d->glyphLine->cells;
            const int columns = d->q->m_columns;
            TerminalCell* cell = nullptr;
            if (size_t(col) < cells.size()) {
                cell = &cells[size_t(col)];
                if (cell->width != 1 || (cell->attrs & TerminalCell::HasCombining))
                    cell = nullptr;
            } else if (size_t(col) == cells.size() && cells.size() < cells.capacity() && col < columns) {
                cell = &cells.emplace_back();
            }
            if (cell) {
                *cell = d->pen;
                cell->ch = info->chars[0];
                d->wrapCandidate = col + 1 >= columns;
                d->wrapLine = d->glyphLineNo;
                return 1;
            }
        }
        return putglyphSlow(info, pos, d);
    }

    [[gnu::noinline]] static int putglyphSlow(VTermGlyphInfo* info, VTermPos pos, Private* d)
    {
        const int columns = d->q->m_columns;
        if (pos.row < 0 || pos.row >= d->q->m_rows || pos.col < 0 || pos.col >= columns)
            return 1;
        const qint64 lineNo = d->screenTop() + pos.row;
        Line& line = d->active->at(lineNo);
        const int width = std::clamp(info->width, 1, 2);
        const int col = pos.col;
        line.ensure(col + 1, columns);

        TerminalCell& cell = line.cells[size_t(col)];
        // Overwriting half of a wide character leaves the other half blank.
        if (cell.width == 0 && col > 0)
            line.cells[size_t(col - 1)] = d->blank();
        if (cell.width == 2 && width == 1 && col + 1 < int(line.cells.size()))
            line.cells[size_t(col + 1)] = d->blank();
        if (cell.attrs & TerminalCell::HasCombining)
            line.dropMarks(col);

        cell = d->pen;
        cell.ch = info->chars[0];
        cell.width = quint8(width);
        if (info->chars[0] && info->chars[1]) {
            std::u32string marks;
            for (int i = 1; i < VTERM_MAX_CHARS_PER_CELL && info->chars[i]; ++i)
                marks.push_back(info->chars[i]);
            cell.attrs |= TerminalCell::HasCombining;
            line.setMarks(col, std::move(marks));
        }
        if (width == 2 && col + 1 < columns) {
            line.ensure(col + 2, columns);
            TerminalCell& right = line.cells[size_t(col + 1)];
            if (right.attrs & TerminalCell::HasCombining)
                line.dropMarks(col + 1);
            right = d->pen;
            right.ch = 0;
            right.width = 0;
        }

        if (col == 0 && d->wrapCandidate && d->wrapLine == lineNo - 1 && d->active->contains(d->wrapLine))
            d->active->at(d->wrapLine).wrapped = true;
        d->wrapCandidate = col + width >= columns;
        d->wrapLine = lineNo;
        d->damage(lineNo, lineNo);
        d->glyphRow = pos.row;
        d->glyphLine = &line;
        d->glyphLineNo = lineNo;
        return 1;
    }

    static int movecursor(VTermPos pos, VTermPos, int visible, void* user)
    {
        auto* d = static_cast<Private*>(user);
        TerminalCursor& cursor = d->q->m_cursor;
        if (d->wrapCandidate && (d->screenTop() + pos.row != d->wrapLine || pos.col != d->q->m_columns - 1))
            d->wrapCandidate = false;
        if (cursor.row != pos.row || cursor.column != pos.col || cursor.visible != bool(visible)) {
            d->damage(d->screenTop() + cursor.row, d->screenTop() + cursor.row);
            cursor.row = pos.row;
            cursor.column = pos.col;
            cursor.visible = visible;
            d->cursorDirty = true;
        }
        return 1;
    }

    static int scrollrect(VTermRect rect, int downward, int rightward, void* user)
    {
        auto* d = static_cast<Private*>(user);
        d->forgetGlyphLine();
        const int rows = d->q->m_rows;
        const int columns = d->q->m_columns;
        // Partial-width scrolls fall back to moverect + erase.
        if (rightward != 0 || rect.start_col != 0 || rect.end_col < columns)
            return 0;
        const int top = std::clamp(rect.start_row, 0, rows);
        const int bottom = std::clamp(rect.end_row, top, rows);
        const int height = bottom - top;
        if (height == 0 || downward == 0)
            return 1;
        const int n = std::min(std::abs(downward), height);
        if (downward > 0 && top == 0 && bottom == rows) {
            // The whole screen scrolls up: old top lines become scrollback by moving the ring's end.
            for (int i = 0; i < n; ++i)
                d->newLine(d->active->append());
            d->scrolled += n;
            d->damageRows(rows - n, rows - 1);
            return 1;
        }
        if (downward > 0) {
            for (int r = top; r + n < bottom; ++r)
                std::swap(d->row(r), d->row(r + n));
            for (int r = bottom - n; r < bottom; ++r) {
                d->row(r).clear();
                d->newLine(d->row(r));
            }
        } else {
            for (int r = bottom - 1; r - n >= top; --r)
                std::swap(d->row(r), d->row(r - n));
            for (int r = top; r < top + n; ++r) {
                d->row(r).clear();
                d->newLine(d->row(r));
            }
        }
        d->damageRows(top, bottom - 1);
        return 1;
    }

    static int moverect(VTermRect dest, VTermRect src, void* user)
    {
        auto* d = static_cast<Private*>(user);
        d->forgetGlyphLine();
        const int rows = d->q->m_rows;
        const int width = src.end_col - src.start_col;
        const int height = src.end_row - src.start_row;
        if (width <= 0 || height <= 0)
            return 1;
        auto copyRow = [&](int i) {
            const int sr = src.start_row + i;
            const int dr = dest.start_row + i;
            if (sr < 0 || sr >= rows || dr < 0 || dr >= rows)
                return;
            Line& from = d->row(sr);
            from.ensure(src.end_col, d->q->m_columns);
            std::vector<TerminalCell> cells(from.cells.begin() + src.start_col, from.cells.begin() + src.end_col);
            std::vector<std::pair<int, std::u32string>> marks;
            for (const auto& [col, m] : from.combining) {
                if (col >= src.start_col && col < src.end_col)
                    marks.emplace_back(col - src.start_col + dest.start_col, m);
            }
            Line& to = d->row(dr);
            to.ensure(dest.start_col + width, d->q->m_columns);
            std::erase_if(to.combining,
                          [&](const auto& e) { return e.first >= dest.start_col && e.first < dest.start_col + width; });
            std::copy(cells.begin(), cells.end(), to.cells.begin() + dest.start_col);
            for (auto& entry : marks)
                to.combining.push_back(std::move(entry));
            for (const int edge :
                 {dest.start_col - 1, dest.start_col, dest.start_col + width - 1, dest.start_col + width})
                d->blankCutHalves(to, edge);
        };
        if (dest.start_row <= src.start_row) {
            for (int i = 0; i < height; ++i)
                copyRow(i);
        } else {
            for (int i = height - 1; i >= 0; --i)
                copyRow(i);
        }
        d->damageRows(std::clamp(dest.start_row, 0, rows - 1), std::clamp(dest.end_row - 1, 0, rows - 1));
        return 1;
    }

    static int erase(VTermRect rect, int, void* user)
    {
        auto* d = static_cast<Private*>(user);
        d->forgetGlyphLine();
        const int rows = d->q->m_rows;
        const int top = std::clamp(rect.start_row, 0, rows);
        const int bottom = std::clamp(rect.end_row, top, rows);
        const int from = std::max(rect.start_col, 0);
        const int to = std::max(rect.end_col, from);
        for (int r = top; r < bottom; ++r)
            d->fill(d->row(r), from, to);
        if (bottom > top)
            d->damageRows(top, bottom - 1);
        d->wrapCandidate = false;
        return 1;
    }

    static int initpen(void* user)
    {
        static_cast<Private*>(user)->pen = TerminalCell();
        return 1;
    }

    static void setFlag(quint16& attrs, quint16 flag, bool on)
    {
        attrs = on ? quint16(attrs | flag) : quint16(attrs & ~flag);
    }

    static quint16 booleanAttribute(VTermAttr attr)
    {
        switch (attr) {
        case VTERM_ATTR_BOLD:
            return TerminalCell::Bold;
        case VTERM_ATTR_ITALIC:
            return TerminalCell::Italic;
        case VTERM_ATTR_BLINK:
            return TerminalCell::Blink;
        case VTERM_ATTR_REVERSE:
            return TerminalCell::Reverse;
        case VTERM_ATTR_STRIKE:
            return TerminalCell::Strike;
        default:
            return 0;
        }
    }

    static int setpenattr(VTermAttr attr, VTermValue* val, void* user)
    {
        auto* d = static_cast<Private*>(user);
        quint16& attrs = d->pen.attrs;
        switch (attr) {
        case VTERM_ATTR_BOLD:
        case VTERM_ATTR_ITALIC:
        case VTERM_ATTR_BLINK:
        case VTERM_ATTR_REVERSE:
        case VTERM_ATTR_STRIKE:
            setFlag(attrs, booleanAttribute(attr), val->boolean);
            break;
        case VTERM_ATTR_UNDERLINE:
            setFlag(attrs, TerminalCell::Underline, val->number == 1);
            setFlag(attrs, TerminalCell::DoubleUnderline, val->number == 2);
            setFlag(attrs, TerminalCell::CurlyUnderline, val->number == 3);
            break;
        case VTERM_ATTR_FOREGROUND:
            d->pen.fg = toColor(val->color, true);
            break;
        case VTERM_ATTR_BACKGROUND:
            d->pen.bg = toColor(val->color, false);
            break;
        default:
            break;
        }
        return 1;
    }

    static int settermprop(VTermProp prop, VTermValue* val, void* user)
    {
        auto* d = static_cast<Private*>(user);
        d->forgetGlyphLine();
        TerminalSurface* q = d->q;
        switch (prop) {
        case VTERM_PROP_CURSORVISIBLE:
            q->m_cursor.visible = val->boolean;
            d->cursorDirty = true;
            break;
        case VTERM_PROP_CURSORBLINK:
            q->m_cursor.blinking = val->boolean;
            d->cursorDirty = true;
            break;
        case VTERM_PROP_CURSORSHAPE:
            q->m_cursor.shape = val->number == VTERM_PROP_CURSORSHAPE_UNDERLINE  ? TerminalCursor::Underline
                                : val->number == VTERM_PROP_CURSORSHAPE_BAR_LEFT ? TerminalCursor::Bar
                                                                                 : TerminalCursor::Block;
            d->cursorDirty = true;
            break;
        case VTERM_PROP_ALTSCREEN: {
            const bool alt = val->boolean;
            if (alt == q->m_altScreen)
                break;
            q->m_altScreen = alt;
            if (alt) {
                d->alternate.reset(q->m_rows);
                for (int i = 0; i < q->m_rows; ++i)
                    d->alternate.append();
            }
            d->active = alt ? &d->alternate : &d->primary;
            d->altDirty = true;
            d->wrapCandidate = false;
            q->m_hasSelection = false;
            d->damageRows(0, q->m_rows - 1);
            break;
        }
        case VTERM_PROP_TITLE:
#if KNOT_LIBVTERM_FRAGMENTS
            if (val->string.initial)
                d->titleFragments.clear();
            d->titleFragments.append(val->string.str, qsizetype(val->string.len));
            if (!val->string.final)
                break;
            q->m_title = QString::fromUtf8(std::exchange(d->titleFragments, {}));
#else
            q->m_title = QString::fromUtf8(val->string ? val->string : "");
#endif
            d->titleDirty = true;
            break;
        case VTERM_PROP_REVERSE:
            q->m_reverseVideo = val->boolean;
            d->damageRows(0, q->m_rows - 1);
            break;
        case VTERM_PROP_MOUSE:
            q->m_mouseMode = MouseMode(std::clamp(val->number, 0, 3));
            d->mouseDirty = true;
            break;
        default:
            break;
        }
        return 1;
    }

    static int bell(void* user)
    {
        ++static_cast<Private*>(user)->bells;
        return 1;
    }

    // Returns how many rows the cursor moves.
    int resizeModel(int rows, int columns)
    {
        forgetGlyphLine();
        const int oldRows = q->m_rows;
        const int cursorRow = q->m_cursor.row;
        int delta = 0;
        if (q->m_altScreen) {
            resizeRing(primary, oldRows, rows, oldRows - 1, q->m_scrollbackCapacity);
            delta = resizeRing(alternate, oldRows, rows, cursorRow, 0);
        } else {
            delta = resizeRing(primary, oldRows, rows, cursorRow, q->m_scrollbackCapacity);
            alternate.setCapacity(rows);
        }
        q->m_rows = rows;
        q->m_columns = columns;
        wrapCandidate = false;
        damageRows(0, rows - 1);
        return delta;
    }

#if KNOT_LIBVTERM_FRAGMENTS
    static int resize(int rows, int columns, VTermStateFields* fields, void* user)
    {
        auto* d = static_cast<Private*>(user);
        const int oldRows = d->q->m_rows;
        fields->pos.row += d->resizeModel(rows, columns);
        // With a resize callback libvterm leaves its per-row line infos to it.
        for (VTermLineInfo*& info : fields->lineinfos) {
            if (!info || rows == oldRows)
                continue;
            auto* resized = static_cast<VTermLineInfo*>(vtermAllocate(size_t(rows) * sizeof(VTermLineInfo), nullptr));
            std::copy_n(info, std::min(oldRows, rows), resized);
            vtermFree(info, nullptr);
            info = resized;
        }
        return 1;
    }
#else
    static int resize(int rows, int columns, VTermPos* delta, void* user)
    {
        delta->row = static_cast<Private*>(user)->resizeModel(rows, columns);
        return 1;
    }
#endif

    static int setlineinfo(int, const VTermLineInfo*, const VTermLineInfo*, void*)
    {
        return 1;
    }

    static void output(const char* bytes, size_t length, void* user)
    {
        static_cast<Private*>(user)->out.append(bytes, qsizetype(length));
    }

    // Member by member: the callbacks libvterm 0.3 added (sb_clear) stay unset.
    static const VTermStateCallbacks* callbacks()
    {
        static const VTermStateCallbacks table = [] {
            VTermStateCallbacks c {};
            c.putglyph = putglyph;
            c.movecursor = movecursor;
            c.scrollrect = scrollrect;
            c.moverect = moverect;
            c.erase = erase;
            c.initpen = initpen;
            c.setpenattr = setpenattr;
            c.settermprop = settermprop;
            c.bell = bell;
            c.resize = resize;
            c.setlineinfo = setlineinfo;
            return c;
        }();
        return &table;
    }
};

TerminalSurface::TerminalSurface(int rows, int columns, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>()), m_rows(std::max(rows, 1)), m_columns(std::max(columns, 1))
{
    d->q = this;
    d->primary.reset(m_scrollbackCapacity + m_rows);
    for (int i = 0; i < m_rows; ++i)
        d->primary.append();
    d->alternate.reset(m_rows);
    for (int i = 0; i < m_rows; ++i)
        d->alternate.append();
    static VTermAllocatorFunctions allocator {vtermAllocate, vtermFree};
    d->vt.reset(vterm_new_with_allocator(m_rows, m_columns, &allocator, nullptr));
    vterm_set_utf8(d->vt.get(), 1);
    vterm_output_set_callback(d->vt.get(), &Private::output, d.get());
    d->state = vterm_obtain_state(d->vt.get());
    vterm_state_set_callbacks(d->state, Private::callbacks(), d.get());
    vterm_state_reset(d->state, 1);
    d->out.clear();
    d->damageFirst = std::numeric_limits<qint64>::max();
    d->damageLast = -1;
    d->cursorDirty = false;
}

TerminalSurface::~TerminalSurface() = default;

void TerminalSurface::write(const QByteArray& bytes)
{
    write(bytes.constData(), bytes.size());
}

void TerminalSurface::write(const char* bytes, qsizetype length)
{
    if (length <= 0)
        return;
    static const std::vector<TerminalTextScanner::Run> none;
    const std::vector<TerminalTextScanner::Run>& runs = d->scanner.scan(bytes, length);
    if (d->savedCursorOffScreen && d->scanner.restoresCursor()) {
        d->writeClampingCursor(bytes, length);
        if (d->scanner.scrollbackClears() > 0)
            d->clearScrollback();
    } else if (d->scanner.scrollbackClears() > 0) {
        d->writeClearingScrollback(bytes, length, d->scanner.scrollbackClears());
    } else {
        d->write(bytes, length, d->plainTextShortcut ? runs : none);
    }
    if (d->scanner.savesCursor())
        d->savedCursorOffScreen = false;
    // Answers to the program's queries (cursor position, device attributes) go back at once.
    d->emitOutput();
    if (d->titleDirty) {
        d->titleDirty = false;
        Q_EMIT titleChanged(m_title);
    }
    if (d->mouseDirty) {
        d->mouseDirty = false;
        Q_EMIT mouseModeChanged(m_mouseMode);
    }
    if (d->altDirty) {
        d->altDirty = false;
        Q_EMIT altScreenChanged(m_altScreen);
        Q_EMIT selectionChanged();
    }
    for (; d->bells > 0; --d->bells)
        Q_EMIT bell();
}

void TerminalSurface::setPlainTextShortcut(bool enabled)
{
    d->plainTextShortcut = enabled;
}

void TerminalSurface::flush()
{
    d->forgetGlyphLine();
    if (m_hasSelection && m_selectionStart.line < firstLine())
        clampSelection();
    if (d->damageLast >= 0 || d->scrolled) {
        const qint64 first = std::max(d->damageFirst, firstLine());
        const qint64 last = std::max(d->damageLast, first);
        const int scrolled = d->scrolled;
        d->damageFirst = std::numeric_limits<qint64>::max();
        d->damageLast = -1;
        d->scrolled = 0;
        Q_EMIT invalidated(first, last, scrolled);
    }
    if (d->cursorDirty) {
        d->cursorDirty = false;
        Q_EMIT cursorChanged(m_cursor);
    }
}

void TerminalSurface::resize(int rows, int columns)
{
    rows = std::max(rows, 1);
    columns = std::max(columns, 1);
    if (rows == m_rows && columns == m_columns)
        return;
    if (rows < m_rows || columns < m_columns)
        d->savedCursorOffScreen = true;
    vterm_set_size(d->vt.get(), rows, columns);
    if (d->scanner.scrollTop() >= rows) {
        // libvterm clamps the scrolling region's bottom to the screen but not its top, and would then scroll a
        // negative height. The region is reset, as xterm does on every resize, and the cursor put back where that
        // homed it. CAN first, in case the parser is in the middle of a sequence: that one is lost, only here.
        VTermPos pos;
        vterm_state_get_cursorpos(d->state, &pos);
        char reset[48];
        const int size = std::snprintf(reset, sizeof reset, "\x18\x1b[r\x1b[%d;%dH", pos.row + 1, pos.col + 1);
        d->inject(reset, size);
    }
    d->emitOutput();
    clampSelection();
}

void TerminalSurface::setScrollbackCapacity(int lines)
{
    m_scrollbackCapacity = std::max(lines, 0);
    d->forgetGlyphLine();
    d->primary.setCapacity(m_scrollbackCapacity + m_rows);
    clampSelection();
    d->damageRows(0, m_rows - 1);
}

qint64 TerminalSurface::firstLine() const
{
    return d->active->begin();
}

qint64 TerminalSurface::screenTop() const
{
    return d->screenTop();
}

std::span<const TerminalCell> TerminalSurface::line(qint64 line) const
{
    if (!d->active->contains(line))
        return {};
    return d->active->at(line).cells;
}

std::u32string TerminalSurface::cellText(qint64 line, int column) const
{
    const auto cells = this->line(line);
    if (column < 0 || column >= int(cells.size()))
        return U" ";
    const TerminalCell& cell = cells[size_t(column)];
    std::u32string text(1, cell.ch ? cell.ch : U' ');
    if (cell.attrs & TerminalCell::HasCombining) {
        if (const std::u32string* marks = d->active->at(line).marks(column))
            text += *marks;
    }
    return text;
}

bool TerminalSurface::isWrapped(qint64 line) const
{
    return d->active->contains(line) && d->active->at(line).wrapped;
}

TerminalCell TerminalSurface::cell(int row, int column) const
{
    const auto cells = line(screenTop() + row);
    if (column < 0 || column >= int(cells.size()))
        return {};
    return cells[size_t(column)];
}

QString TerminalSurface::lineText(qint64 line) const
{
    return textBetween({line, 0}, {line, std::numeric_limits<int>::max()});
}

// Text of cells in [start, end), lines joined by '\n' unless wrapped; trailing blanks dropped per line.
QString TerminalSurface::textBetween(TerminalPoint start, TerminalPoint end) const
{
    QString text;
    for (qint64 l = std::max(start.line, firstLine()); l <= end.line && d->active->contains(l); ++l) {
        const Line& line = d->active->at(l);
        const int from = l == start.line ? start.column : 0;
        const int to = std::min(l == end.line ? end.column : int(line.cells.size()), int(line.cells.size()));
        QString part;
        for (int c = std::max(from, 0); c < to; ++c) {
            const TerminalCell& cell = line.cells[size_t(c)];
            if (cell.width == 0)
                continue;
            const char32_t ch = cell.ch ? cell.ch : U' ';
            part.append(QString::fromUcs4(&ch, 1));
            if (cell.attrs & TerminalCell::HasCombining) {
                if (const std::u32string* marks = line.marks(c))
                    part.append(QString::fromUcs4(marks->data(), qsizetype(marks->size())));
            }
        }
        const bool continues = line.wrapped && l != end.line;
        if (!continues) {
            while (part.endsWith(QLatin1Char(' ')))
                part.chop(1);
        }
        text += part;
        if (l != end.line && !continues)
            text += QLatin1Char('\n');
    }
    return text;
}

bool TerminalSurface::bracketedPasteMode() const
{
    // libvterm 0.1.4 keeps the mode private; starting a paste reveals it by what it would send.
    d->capturing = true;
    const qsizetype before = d->out.size();
    vterm_keyboard_start_paste(d->vt.get());
    const bool on = d->out.size() > before;
    d->out.truncate(before);
    d->capturing = false;
    return on;
}

bool TerminalSurface::sendKey(int qtKey, Qt::KeyboardModifiers modifiers, const QString& text)
{
    const VTermModifier mod = toModifier(modifiers);
    VTerm* vt = d->vt.get();
    if (const VTermKey key = toVTermKey(qtKey, modifiers); key != VTERM_KEY_NONE) {
        vterm_keyboard_key(vt, key, qtKey == Qt::Key_Backtab ? VTermModifier(mod | VTERM_MOD_SHIFT) : mod);
    } else if ((modifiers & Qt::ControlModifier) && qtKey >= Qt::Key_A && qtKey <= Qt::Key_Z) {
        const char32_t letter = char32_t(U'a' + (qtKey - Qt::Key_A));
        // libvterm sends CSI-u for Ctrl+I/J/M; shells expect the plain control bytes.
        if (letter == U'i' || letter == U'j' || letter == U'm') {
            if (modifiers & Qt::AltModifier)
                d->out.append('\x1b');
            d->out.append(char(letter & 0x1f));
        } else {
            vterm_keyboard_unichar(vt, letter, VTermModifier(mod & ~VTERM_MOD_SHIFT));
        }
    } else if ((modifiers & Qt::ControlModifier) && !text.isEmpty() && text.at(0).unicode() < 0x20) {
        // Ctrl+[ \ ] ^ _ @ and space: the control byte the keyboard layout already produced.
        if (modifiers & Qt::AltModifier)
            d->out.append('\x1b');
        d->out.append(text.toLatin1());
    } else if (!text.isEmpty()) {
        const VTermModifier textMod = VTermModifier(mod & ~(VTERM_MOD_CTRL | VTERM_MOD_SHIFT));
        for (const char32_t ch : text.toUcs4()) {
            if (ch >= 0x20 && ch != 0x7f)
                vterm_keyboard_unichar(vt, ch, textMod);
        }
    }
    if (d->out.isEmpty())
        return false;
    d->emitOutput();
    return true;
}

void TerminalSurface::sendText(const QString& text)
{
    d->out.append(text.toUtf8());
    d->emitOutput();
}

void TerminalSurface::paste(const QString& text)
{
    QString normalized = text;
    normalized.replace(QLatin1String("\r\n"), QLatin1String("\r"));
    normalized.replace(QLatin1Char('\n'), QLatin1Char('\r'));
    // A paste must not end bracketed paste early nor smuggle escape sequences.
    normalized.remove(QChar(0x1b));
    vterm_keyboard_start_paste(d->vt.get());
    d->out.append(normalized.toUtf8());
    vterm_keyboard_end_paste(d->vt.get());
    d->emitOutput();
}

// libvterm 0.1.4 reports the mouse even when the program never asked for it; only report when asked.
void TerminalSurface::mouseMove(int row, int column, Qt::KeyboardModifiers modifiers)
{
    if (m_mouseMode == MouseMode::None)
        return;
    vterm_mouse_move(
        d->vt.get(), std::clamp(row, 0, m_rows - 1), std::clamp(column, 0, m_columns - 1), toModifier(modifiers));
    d->emitOutput();
}

void TerminalSurface::mouseButton(int button, bool pressed, Qt::KeyboardModifiers modifiers)
{
    if (m_mouseMode == MouseMode::None)
        return;
    vterm_mouse_button(d->vt.get(), button, pressed, toModifier(modifiers));
    d->emitOutput();
}

void TerminalSurface::focusChanged(bool focused)
{
    if (focused)
        vterm_state_focus_in(d->state);
    else
        vterm_state_focus_out(d->state);
    d->emitOutput();
}

void TerminalSurface::setSelection(TerminalPoint anchor, TerminalPoint end)
{
    if (end < anchor)
        std::swap(anchor, end);
    m_selectionStart = anchor;
    m_selectionEnd = end;
    m_hasSelection = anchor != end;
    clampSelection();
    Q_EMIT selectionChanged();
}

void TerminalSurface::clearSelection()
{
    if (!m_hasSelection)
        return;
    m_hasSelection = false;
    Q_EMIT selectionChanged();
}

void TerminalSurface::clampSelection()
{
    if (!m_hasSelection)
        return;
    const qint64 first = firstLine();
    if (m_selectionStart.line < first)
        m_selectionStart = {first, 0};
    if (m_selectionEnd <= m_selectionStart)
        m_hasSelection = false;
}

bool TerminalSurface::isSelected(qint64 line, int column) const
{
    const TerminalPoint p {line, column};
    return m_hasSelection && m_selectionStart <= p && p < m_selectionEnd;
}

QString TerminalSurface::selectedText() const
{
    if (!m_hasSelection)
        return {};
    return textBetween(m_selectionStart, m_selectionEnd);
}

void TerminalSurface::selectWord(TerminalPoint at)
{
    const auto cells = line(at.line);
    auto charAt = [&](int c) { return c >= 0 && c < int(cells.size()) ? cells[size_t(c)].ch : char32_t(0); };
    auto isWord = [&](int c) {
        // The right half of a wide character belongs to its left half.
        if (c > 0 && c < int(cells.size()) && cells[size_t(c)].width == 0)
            return isWordChar(charAt(c - 1));
        return isWordChar(charAt(c));
    };
    if (!isWord(at.column)) {
        setSelection(at, {at.line, at.column + 1});
        return;
    }
    int start = at.column;
    while (isWord(start - 1))
        --start;
    int end = at.column;
    while (isWord(end + 1))
        ++end;
    setSelection({at.line, start}, {at.line, end + 1});
}

// The wrapped lines that form one line of output around `line`.
std::pair<qint64, qint64> TerminalSurface::logicalLine(qint64 line) const
{
    qint64 first = line;
    while (first > firstLine() && isWrapped(first - 1))
        --first;
    qint64 last = line;
    while (isWrapped(last) && d->active->contains(last + 1))
        ++last;
    return {first, last};
}

void TerminalSurface::selectLine(TerminalPoint at)
{
    const auto [first, last] = logicalLine(at.line);
    setSelection({first, 0}, {last, std::max(m_columns, int(line(last).size()))});
}

namespace {

// A line as a string with the cell column of each UTF-16 unit, so string matches map back to the grid.
struct LineString
{
    QString text;
    std::vector<int> columns;
};

LineString lineString(std::span<const TerminalCell> cells, const std::function<const std::u32string*(int)>& marks)
{
    LineString result;
    for (int c = 0; c < int(cells.size()); ++c) {
        const TerminalCell& cell = cells[size_t(c)];
        if (cell.width == 0)
            continue;
        const char32_t ch = cell.ch ? cell.ch : U' ';
        const QString s = QString::fromUcs4(&ch, 1);
        result.text += s;
        result.columns.insert(result.columns.end(), size_t(s.size()), c);
        if (cell.attrs & TerminalCell::HasCombining) {
            if (const std::u32string* m = marks(c)) {
                const QString ms = QString::fromUcs4(m->data(), qsizetype(m->size()));
                result.text += ms;
                result.columns.insert(result.columns.end(), size_t(ms.size()), c);
            }
        }
    }
    return result;
}

} // namespace

QList<TerminalMatch>
TerminalSurface::findAll(const QString& needle, Qt::CaseSensitivity cs, qint64 first, qint64 last) const
{
    QList<TerminalMatch> matches;
    if (needle.isEmpty())
        return matches;
    const LineRing& ring = *d->active;
    const qint64 end = last < ring.end() ? last + 1 : ring.end();
    for (qint64 l = std::max(first, ring.begin()); l < end; ++l) {
        const Line& line = ring.at(l);
        const LineString s = lineString(line.cells, [&line](int c) { return line.marks(c); });
        for (qsizetype i = s.text.indexOf(needle, 0, cs); i >= 0; i = s.text.indexOf(needle, i + 1, cs)) {
            const int startCol = s.columns[size_t(i)];
            const int lastCol = s.columns[size_t(i + needle.size() - 1)];
            const int lastWidth = std::max<int>(line.cells[size_t(lastCol)].width, 1);
            matches.append({{l, startCol}, lastCol + lastWidth - startCol});
        }
    }
    return matches;
}

TerminalMatch
TerminalSurface::findNext(const QString& needle, TerminalPoint from, bool backwards, Qt::CaseSensitivity cs) const
{
    const QList<TerminalMatch> matches = findAll(needle, cs);
    if (matches.isEmpty())
        return {};
    if (backwards) {
        for (auto it = matches.rbegin(); it != matches.rend(); ++it) {
            if (it->start < from)
                return *it;
        }
        return matches.last();
    }
    for (const TerminalMatch& m : matches) {
        if (m.start > from)
            return m;
    }
    return matches.first();
}

QString TerminalSurface::urlAt(TerminalPoint at) const
{
    if (!d->active->contains(at.line))
        return {};
    // A URL may continue on wrapped lines: search the logical line.
    const auto [first, last] = logicalLine(at.line);
    QString text;
    std::vector<std::pair<qint64, int>> positions;
    for (qint64 l = first; l <= last; ++l) {
        const Line& line = d->active->at(l);
        const LineString s = lineString(line.cells, [&line](int c) { return line.marks(c); });
        text += s.text;
        for (int c : s.columns)
            positions.emplace_back(l, c);
    }
    static const QRegularExpression urlPattern(
        QStringLiteral(R"((?:https?|ftp|file)://[\w\-.~:/?#\[\]@!$&'()*+,;=%]+)"));
    for (auto it = urlPattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QString url = match.captured();
        while (!url.isEmpty() && QStringView(u".,;:!?'\")]").contains(url.back()))
            url.chop(1);
        const qsizetype begin = match.capturedStart();
        const qsizetype end = begin + url.size();
        for (qsizetype i = begin; i < end; ++i) {
            if (positions[size_t(i)] == std::make_pair(at.line, at.column))
                return url;
        }
    }
    return {};
}

} // namespace Knot
