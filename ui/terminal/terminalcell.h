#pragma once

#include <QtGlobal>

namespace Knot {

// A colour as the program asked for it: the scheme's default, a palette index (0–255) or true colour.
// Packed into 32 bits so a cell stays small: the top byte is the kind, the rest the index or 0xRRGGBB.
class TerminalColor
{
public:
    enum Kind : quint8
    {
        Default = 0,
        Indexed = 1,
        Rgb = 2
    };

    constexpr TerminalColor() = default;
    static constexpr TerminalColor indexed(quint8 index) { return TerminalColor((quint32(Indexed) << 24) | index); }
    static constexpr TerminalColor rgb(quint8 r, quint8 g, quint8 b)
    {
        return TerminalColor((quint32(Rgb) << 24) | (quint32(r) << 16) | (quint32(g) << 8) | b);
    }

    constexpr Kind kind() const { return Kind(m_value >> 24); }
    constexpr bool isDefault() const { return kind() == Default; }
    constexpr quint8 index() const { return quint8(m_value & 0xff); }
    constexpr quint32 rgbValue() const { return m_value & 0xffffff; }
    constexpr quint32 packed() const { return m_value; }
    constexpr bool operator==(const TerminalColor&) const = default;

private:
    constexpr explicit TerminalColor(quint32 value) : m_value(value) { }
    quint32 m_value = 0;
};

// One grid cell. ch == 0 is an untouched blank. The right half of a wide character has width 0.
struct TerminalCell
{
    enum Attribute : quint16
    {
        Bold = 1 << 0,
        Italic = 1 << 1,
        Underline = 1 << 2,
        DoubleUnderline = 1 << 3,
        CurlyUnderline = 1 << 4,
        Reverse = 1 << 5,
        Strike = 1 << 6,
        Blink = 1 << 7,
        // The line keeps combining marks for this cell (TerminalSurface::combiningMarks).
        HasCombining = 1 << 8,
    };

    char32_t ch = 0;
    TerminalColor fg;
    TerminalColor bg;
    quint16 attrs = 0;
    quint8 width = 1;
    quint8 reserved = 0;

    bool has(Attribute a) const { return attrs & a; }
    bool sameStyle(const TerminalCell& o) const { return fg == o.fg && bg == o.bg && attrs == o.attrs; }
};

struct TerminalCursor
{
    enum Shape : quint8
    {
        Block,
        Underline,
        Bar
    };

    int row = 0;
    int column = 0;
    bool visible = true;
    bool blinking = true;
    Shape shape = Block;
};

// A place in the terminal's history: line is absolute (it survives scrolling and scrollback trimming).
struct TerminalPoint
{
    qint64 line = 0;
    int column = 0;

    auto operator<=>(const TerminalPoint&) const = default;
};

struct TerminalMatch
{
    TerminalPoint start;
    int length = 0; // in cells

    bool operator==(const TerminalMatch&) const = default;
};

} // namespace Knot
