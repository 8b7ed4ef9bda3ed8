#include "ui/palettecolors.h"

namespace Knot::PaletteColors {

namespace {
QColor pick(const QPalette& palette, const char* onLight, const char* onDark)
{
    return QColor(QLatin1String(isDark(palette) ? onDark : onLight));
}
} // namespace

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor blend(const QColor& from, const QColor& to, qreal amount)
{
    const qreal keep = 1.0 - amount;
    return QColor::fromRgbF(static_cast<float>(from.redF() * keep + to.redF() * amount),
                            static_cast<float>(from.greenF() * keep + to.greenF() * amount),
                            static_cast<float>(from.blueF() * keep + to.blueF() * amount));
}

QColor info(const QPalette& palette)
{
    return pick(palette, "#2f6fde", "#6fa0f0");
}

QColor success(const QPalette& palette)
{
    return pick(palette, "#1e8a3c", "#5cc97a");
}

QColor warning(const QPalette& palette)
{
    return pick(palette, "#b86e00", "#f0b24a");
}

QColor error(const QPalette& palette)
{
    return pick(palette, "#c42b1c", "#f07167");
}

QColor neutral(const QPalette& palette)
{
    return palette.color(QPalette::Disabled, QPalette::WindowText);
}

QColor forState(SpaceState state, const QPalette& palette)
{
    switch (state) {
    case SpaceState::Running:
        return success(palette);
    case SpaceState::Starting:
    case SpaceState::Stopping:
    case SpaceState::Deleting:
        return warning(palette);
    case SpaceState::Failed:
        return error(palette);
    case SpaceState::Stopped:
        break;
    }
    return neutral(palette);
}

} // namespace Knot::PaletteColors
