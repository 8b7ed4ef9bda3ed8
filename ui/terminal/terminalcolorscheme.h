#pragma once

#include "ui/terminal/terminalcell.h"

#include <array>

#include <QColor>
#include <QList>
#include <QString>

namespace Knot {

// Colours of a terminal: default foreground/background, cursor, selection and the 256-colour palette
// (the first 16 from the scheme, the 6×6×6 cube and the grey ramp computed like xterm).
class TerminalColorScheme
{
public:
    TerminalColorScheme();

    static TerminalColorScheme dark();
    static TerminalColorScheme light();
    static TerminalColorScheme solarizedDark();
    static TerminalColorScheme solarizedLight();
    static QList<TerminalColorScheme> builtIn();
    // The built-in scheme with this name (case-insensitive), dark when unknown.
    static TerminalColorScheme byName(const QString& name);

    QString name() const { return m_name; }
    QRgb foreground() const { return m_foreground; }
    QRgb background() const { return m_background; }
    QRgb cursor() const { return m_cursor; }
    QRgb selection() const { return m_selection; }
    QRgb searchMatch() const { return m_searchMatch; }
    QRgb paletteColor(int index) const { return m_palette[size_t(index & 0xff)]; }

    // Bold text in one of the 8 basic colours is shown in its bright variant, as xterm does.
    QRgb resolve(TerminalColor color, bool foreground, bool bold = false) const
    {
        switch (color.kind()) {
        case TerminalColor::Indexed:
            return m_palette[bold && foreground && color.index() < 8 ? color.index() + 8 : color.index()];
        case TerminalColor::Rgb:
            return 0xff000000 | color.rgbValue();
        default:
            return foreground ? m_foreground : m_background;
        }
    }

private:
    TerminalColorScheme(const QString& name, QRgb foreground, QRgb background, const std::array<QRgb, 16>& ansi);

    QString m_name;
    QRgb m_foreground;
    QRgb m_background;
    QRgb m_cursor;
    QRgb m_selection;
    QRgb m_searchMatch;
    std::array<QRgb, 256> m_palette {};
};

} // namespace Knot
