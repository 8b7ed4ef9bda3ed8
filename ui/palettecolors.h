#pragma once

#include "core/model/space.h"

#include <QColor>
#include <QPalette>

namespace Knot::PaletteColors {

// Status colours picked for the current palette: a lighter tone on dark themes, a deeper one on
// light themes, so text and dots keep their contrast without hard-coded black or white.
bool isDark(const QPalette& palette);
QColor blend(const QColor& from, const QColor& to, qreal amount);

QColor info(const QPalette& palette);
QColor success(const QPalette& palette);
QColor warning(const QPalette& palette);
QColor error(const QPalette& palette);
QColor neutral(const QPalette& palette);
QColor forState(SpaceState state, const QPalette& palette);

} // namespace Knot::PaletteColors
