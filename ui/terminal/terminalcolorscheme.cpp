#include "ui/terminal/terminalcolorscheme.h"

namespace Knot {

namespace {

// Solarized base and accent colours (Ethan Schoonover's published values).
constexpr QRgb base03 = 0xff002b36, base02 = 0xff073642, base01 = 0xff586e75, base00 = 0xff657b83;
constexpr QRgb base0 = 0xff839496, base1 = 0xff93a1a1, base2 = 0xffeee8d5, base3 = 0xfffdf6e3;
constexpr QRgb yellow = 0xffb58900, orange = 0xffcb4b16, red = 0xffdc322f, magenta = 0xffd33682;
constexpr QRgb violet = 0xff6c71c4, blue = 0xff268bd2, cyan = 0xff2aa198, green = 0xff859900;

constexpr std::array<QRgb, 16> solarizedAnsi = {base02,
                                                red,
                                                green,
                                                yellow,
                                                blue,
                                                magenta,
                                                cyan,
                                                base2,
                                                base03,
                                                orange,
                                                base01,
                                                base00,
                                                base0,
                                                violet,
                                                base1,
                                                base3};

QRgb mix(QRgb a, QRgb b, int percentB)
{
    auto channel = [percentB](int x, int y) { return (x * (100 - percentB) + y * percentB) / 100; };
    return qRgb(channel(qRed(a), qRed(b)), channel(qGreen(a), qGreen(b)), channel(qBlue(a), qBlue(b)));
}

} // namespace

TerminalColorScheme::TerminalColorScheme() : TerminalColorScheme(dark()) { }

TerminalColorScheme::TerminalColorScheme(const QString& name,
                                         QRgb foreground,
                                         QRgb background,
                                         const std::array<QRgb, 16>& ansi)
    : m_name(name)
    , m_foreground(foreground)
    , m_background(background)
    , m_cursor(foreground)
    , m_selection(mix(background, foreground, 30))
    , m_searchMatch(mix(background, 0xffffd700, 60))
{
    std::copy(ansi.begin(), ansi.end(), m_palette.begin());
    static constexpr int levels[] = {0, 95, 135, 175, 215, 255};
    for (int i = 0; i < 216; ++i)
        m_palette[size_t(16 + i)] = qRgb(levels[i / 36], levels[(i / 6) % 6], levels[i % 6]);
    for (int i = 0; i < 24; ++i)
        m_palette[size_t(232 + i)] = qRgb(8 + 10 * i, 8 + 10 * i, 8 + 10 * i);
}

TerminalColorScheme TerminalColorScheme::dark()
{
    return TerminalColorScheme(QStringLiteral("Dark"),
                               0xffd4d4d4,
                               0xff1e1e1e,
                               {0xff000000,
                                0xffcd3131,
                                0xff0dbc79,
                                0xffe5e510,
                                0xff2472c8,
                                0xffbc3fbc,
                                0xff11a8cd,
                                0xffe5e5e5,
                                0xff666666,
                                0xfff14c4c,
                                0xff23d18b,
                                0xfff5f543,
                                0xff3b8eea,
                                0xffd670d6,
                                0xff29b8db,
                                0xffffffff});
}

TerminalColorScheme TerminalColorScheme::light()
{
    return TerminalColorScheme(QStringLiteral("Light"),
                               0xff1e1e1e,
                               0xffffffff,
                               {0xff000000,
                                0xffcd3131,
                                0xff00bc00,
                                0xff949800,
                                0xff0451a5,
                                0xffbc05bc,
                                0xff0598bc,
                                0xff555555,
                                0xff666666,
                                0xffcd3131,
                                0xff14ce14,
                                0xffb5ba00,
                                0xff0451a5,
                                0xffbc05bc,
                                0xff0598bc,
                                0xffa5a5a5});
}

TerminalColorScheme TerminalColorScheme::solarizedDark()
{
    return TerminalColorScheme(QStringLiteral("Solarized Dark"), base0, base03, solarizedAnsi);
}

TerminalColorScheme TerminalColorScheme::solarizedLight()
{
    return TerminalColorScheme(QStringLiteral("Solarized Light"), base00, base3, solarizedAnsi);
}

QList<TerminalColorScheme> TerminalColorScheme::builtIn()
{
    return {dark(), light(), solarizedDark(), solarizedLight()};
}

TerminalColorScheme TerminalColorScheme::byName(const QString& name)
{
    for (const TerminalColorScheme& scheme : builtIn()) {
        if (scheme.name().compare(name, Qt::CaseInsensitive) == 0)
            return scheme;
    }
    return dark();
}

} // namespace Knot
