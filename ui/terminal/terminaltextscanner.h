#pragma once

#include <QtGlobal>

#include <memory>
#include <vector>

struct VTerm;

namespace Knot {

// Finds, in the byte stream a terminal receives, the stretches of plain ASCII text that libvterm's state layer
// would do nothing with but print, one glyph after the other. That layer costs about 10 ns per character
// (decoding, width and combining lookups, a callback), three quarters of a terminal's time under a flood of
// text, and TerminalSurface stores such stretches itself.
//
// A stretch qualifies when the parser is in its ground state (a parser of its own runs over the same bytes) and
// nothing would change how its characters land: the character set in GL maps ASCII to itself, insert mode is off,
// and origin mode and left/right margins are off (the surface moves libvterm's cursor past the stretch with a
// relative cursor move, which those modes would clamp). The modes are followed conservatively: a form this class
// does not know leaves them "changed", which only costs speed. Each stretch leaves out the first and the last
// character of its run of printable ASCII: libvterm prints those, so the character before the stretch settles its
// UTF-8 decoder, single shift and pending wrap, and the one after it is the glyph a later combining mark joins.
//
// The same pass reports what the surface needs to keep libvterm's cursor and scrolling region on a screen that
// shrank (savesCursor(), restoresCursor(), scrollTop()), and the scrollback clears libvterm 0.1 ignores.
class TerminalTextScanner
{
public:
    struct Run
    {
        qsizetype offset = 0; // into the bytes given to scan()
        qsizetype length = 0;
    };

    // Runs shorter than this are not worth the cursor move that follows each.
    static constexpr qsizetype MinimumRun = 8;

    TerminalTextScanner();
    ~TerminalTextScanner();
    TerminalTextScanner(const TerminalTextScanner&) = delete;
    TerminalTextScanner& operator=(const TerminalTextScanner&) = delete;

    // Scans the next bytes of the stream (the parser carries on from the previous call) and returns the
    // printable stretches in them, in order. The result is valid until the next call.
    const std::vector<Run>& scan(const char* bytes, qsizetype length);

    // What else the last scan() saw that the surface must know about, because libvterm does not keep the
    // cursor and the scrolling region within a screen that shrank: whether the bytes save or restore the cursor
    // (DECSC, DECRC, modes 1048 and 1049), and the top of the scrolling region (0-based, never above libvterm's).
    bool savesCursor() const { return m_savesCursor; }
    bool restoresCursor() const { return m_restoresCursor; }
    int scrollTop() const { return m_modes.scrollTop; }
    // How many times the bytes clear the scrollback (ED 3, as `clear` sends): libvterm 0.1 ignores it.
    int scrollbackClears() const { return m_scrollbackClears; }

private:
    struct Modes
    {
        bool asciiSet[4] = {true, true, true, true}; // G0–G3 map ASCII to itself
        int gl = 0;                                  // the set invoked into GL
        bool insert = false;
        bool origin = false;
        bool margins = false; // DECLRMM
        int scrollTop = 0;
        bool plain() const { return asciiSet[gl] && !insert && !origin && !margins; }
    };
    struct Callbacks;
    friend struct Callbacks;

    bool scanGround(const char* bytes, qsizetype length);
    void text(const char* bytes, qsizetype length);
    void escape(const char* bytes, size_t length);
    void csi(const char* leader, const long args[], int count, const char* intermediates, char command);

    struct VTermDeleter
    {
        void operator()(VTerm* vt) const;
    };
    std::unique_ptr<VTerm, VTermDeleter> m_vt;
    Modes m_modes;
    const char* m_base = nullptr;
    bool m_ground = true;                // the parser is in its ground state
    const char* m_lastTextEnd = nullptr; // during a scan by the parser
    std::vector<Run> m_runs;
    bool m_savesCursor = false;
    bool m_restoresCursor = false;
    int m_scrollbackClears = 0;
};

} // namespace Knot
