#include "ui/terminal/terminaltextscanner.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include <vterm.h>

namespace Knot {

namespace {

bool isPrintableAscii(char c)
{
    return c >= 0x20 && c < 0x7f;
}

bool isEmpty(const char* s)
{
    return !s || !*s;
}

// How far ground-state text goes on: up to the next C0 control (ESC included) or DEL; bytes from 0x80 are text
// too, in UTF-8.
qsizetype textLength(const char* bytes, qsizetype length)
{
    qsizetype end = 0;
    while (end < length && static_cast<unsigned char>(bytes[end]) >= 0x20 && bytes[end] != 0x7f)
        ++end;
    return end;
}

} // namespace

// The modes are followed as libvterm 0.1 to 0.3 apply them (state.c): where versions differ, the reading that
// leaves a mode "changed" wins.
struct TerminalTextScanner::Callbacks
{
    static TerminalTextScanner* self(void* user) { return static_cast<TerminalTextScanner*>(user); }

    static int text(const char* bytes, size_t length, void* user)
    {
        const qsizetype end = textLength(bytes, qsizetype(length));
        self(user)->text(bytes, end);
        self(user)->m_lastTextEnd = bytes + end;
        return int(end);
    }

    static int control(unsigned char control, void* user)
    {
        Modes& modes = self(user)->m_modes;
        if (control == 0x0e) // SO: G1 into GL
            modes.gl = 1;
        else if (control == 0x0f) // SI: G0 into GL
            modes.gl = 0;
        return 1;
    }

    static int escape(const char* bytes, size_t length, void* user)
    {
        self(user)->escape(bytes, length);
        return 1;
    }

    static int
    csi(const char* leader, const long args[], int count, const char* intermediates, char command, void* user)
    {
        self(user)->csi(leader, args, count, intermediates, command);
        return 1;
    }

    // Member by member: libvterm 0.2 changed the string callbacks, which stay unset here.
    static const VTermParserCallbacks* table()
    {
        static const VTermParserCallbacks callbacks = [] {
            VTermParserCallbacks c {};
            c.text = text;
            c.control = control;
            c.escape = escape;
            c.csi = csi;
            return c;
        }();
        return &callbacks;
    }
};

void TerminalTextScanner::VTermDeleter::operator()(VTerm* vt) const
{
    vterm_free(vt);
}

TerminalTextScanner::TerminalTextScanner() : m_vt(vterm_new(1, 1))
{
    vterm_set_utf8(m_vt.get(), 1);
    vterm_parser_set_callbacks(m_vt.get(), Callbacks::table(), this);
}

TerminalTextScanner::~TerminalTextScanner() = default;

const std::vector<TerminalTextScanner::Run>& TerminalTextScanner::scan(const char* bytes, qsizetype length)
{
    m_runs.clear();
    m_savesCursor = false;
    m_restoresCursor = false;
    m_scrollbackClears = 0;
    m_base = bytes;
    if (length <= 0 || (m_ground && scanGround(bytes, length)))
        return m_runs;
    m_lastTextEnd = nullptr;
    vterm_input_write(m_vt.get(), bytes, size_t(length));
    // The parser is in its ground state after text, and stays there unless an ESC follows.
    const char* from = m_lastTextEnd ? m_lastTextEnd : m_ground ? bytes : nullptr;
    m_ground = from && !std::memchr(from, 0x1b, size_t(bytes + length - from));
    return m_runs;
}

// Output without escape sequences (a flood of `yes`, a build log) leaves the parser in its ground state and the
// modes as they are, so the runs can be found without it: its control callbacks cost more than the rest of the scan.
// Gives up (false) at the first ESC, SO or SI.
bool TerminalTextScanner::scanGround(const char* bytes, qsizetype length)
{
    for (qsizetype i = 0; i < length;) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x20 || c == 0x7f) {
            if (c == 0x1b || c == 0x0e || c == 0x0f) {
                m_runs.clear();
                return false;
            }
            ++i;
            continue;
        }
        const qsizetype run = textLength(bytes + i, length - i);
        if (run >= MinimumRun + 2) // shorter runs hold no stretch
            text(bytes + i, run);
        i += run;
    }
    return true;
}

void TerminalTextScanner::text(const char* bytes, qsizetype length)
{
    // libvterm decodes a piece of text with the decoder of the set its first byte selects (GL for ASCII, UTF-8
    // for the rest), and that decoder keeps an unfinished sequence for the next piece. Each piece the surface
    // hands over after a stretch starts with ASCII, so only runs that start with ASCII themselves keep libvterm's
    // decoders exactly as they would be.
    if (!m_modes.plain() || !isPrintableAscii(bytes[0]))
        return;
    for (qsizetype i = 0; i < length;) {
        if (!isPrintableAscii(bytes[i])) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < length && isPrintableAscii(bytes[i]))
            ++i;
        // libvterm prints the first and the last character of the run (see the class comment).
        const qsizetype inner = i - start - 2;
        if (inner >= MinimumRun)
            m_runs.push_back({bytes + start + 1 - m_base, inner});
    }
}

void TerminalTextScanner::escape(const char* bytes, size_t length)
{
    switch (bytes[0]) {
    case '(': // SCS: designate G0–G3; libvterm knows 'B' (ASCII), '0' (line drawing) and 'A' (UK)
    case ')':
    case '*':
    case '+':
        if (length == 2)
            m_modes.asciiSet[bytes[0] - '('] = bytes[1] == 'B';
        break;
    case 'n': // LS2
        m_modes.gl = 2;
        break;
    case 'o': // LS3
        m_modes.gl = 3;
        break;
    case 'c': // RIS
        m_modes = {};
        break;
    case '7': // DECSC
        m_savesCursor = true;
        break;
    case '8': // DECRC
        m_restoresCursor = true;
        break;
    default:
        break;
    }
}

void TerminalTextScanner::csi(const char* leader, const long args[], int count, const char* intermediates, char command)
{
    if (!isEmpty(intermediates))
        return;
    const bool dec = !isEmpty(leader) && std::strcmp(leader, "?") == 0;
    if (!isEmpty(leader) && !dec)
        return;
    auto argument = [&](int i) { return i < count && !CSI_ARG_IS_MISSING(args[i]) ? CSI_ARG(args[i]) : -1; };
    if (command == 'r' && !dec) { // DECSTBM (libvterm's clamping and resetting only lower the top further)
        m_modes.scrollTop = int(std::clamp(argument(0), 1L, long(std::numeric_limits<int>::max()))) - 1;
        return;
    }
    if (command == 'J' && !dec && argument(0) == 3) { // ED 3: clear the scrollback
        ++m_scrollbackClears;
        return;
    }
    if (command != 'h' && command != 'l')
        return;
    // SM/RM and DECSET/DECRST. libvterm 0.1 applies only the first argument, 0.3 all of them: whatever either
    // may have done counts. (DECSTR, the soft reset, is left alone: libvterm 0.1 does not recognise it.)
    const bool set = command == 'h';
    for (int i = 0; i < count; ++i) {
        const long mode = argument(i);
        const bool first = i == 0;
        if (mode == 1048 || mode == 1049) { // save or restore the cursor (1049 with the alternate screen)
            if (!set)
                m_restoresCursor = true;
            else if (first)
                m_savesCursor = true;
        } else if (set || first) {
            if (!dec && mode == 4)
                m_modes.insert = set;
            else if (dec && mode == 6)
                m_modes.origin = set;
            else if (dec && mode == 69)
                m_modes.margins = set;
        }
    }
}

} // namespace Knot
