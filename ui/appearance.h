#pragma once

#include "ui/appsettings.h"

#include <QPalette>
#include <QString>

namespace Knot {

// Applies the style and colour theme from the settings to the application. Remembers the style
// the platform chose at startup so "System" can go back to it.
class Appearance
{
public:
    Appearance();

    void apply(AppSettings::Style style, AppSettings::Theme theme);
    static QPalette darkPalette();
    static QPalette lightPalette();

private:
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace Knot
