#pragma once

#include "ui/serviceicon.h"

#include <QIcon>

namespace Knot::Icons {

// Icons come from the application's resources (Q_INIT_RESOURCE(knot) in the executable) and are
// tinted with palette colours, so they follow light and dark themes.
QIcon app();
// A template's or space's icon: a local file, a resource path or a theme icon name; anything else
// (URLs are not fetched) falls back to `fallback`, or to the generic template icon.
QIcon fromSetting(const QString& icon, const QIcon& fallback = {});
QIcon service(ServiceIcon service, const QColor& color);
QString serviceName(ServiceIcon service);
// A monochrome SVG from the resources painted in `color`.
QIcon tinted(const QString& resource, const QColor& color, int size = 24);
// A round dot, e.g. the engine health and space state indicators.
QIcon dot(const QColor& color, int size = 12);

} // namespace Knot::Icons
