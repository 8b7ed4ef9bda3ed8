#pragma once

#include "ui/serviceicon.h"

#include <QHash>
#include <QIcon>

class QColor;

namespace Knot {

// Remembers the icons a view paints over and over. Building one (parsing an SVG, tinting it,
// drawing a dot) costs about a millisecond; painting a list of spaces asks for several per row on
// every repaint, so without this a burst of state changes kept the event loop busy for tens of ms.
// Each painter owns its cache (no global state); clear() after a palette change if colours are
// not part of the key.
class IconCache
{
public:
    // Icons::fromSetting(setting), by setting.
    QIcon fromSetting(const QString& setting);
    // Icons::service(service, color), by service and colour.
    QIcon service(ServiceIcon service, const QColor& color);
    // Icons::dot(color, size), by colour and size.
    QIcon dot(const QColor& color, int size = 12);

    void clear() { m_icons.clear(); }
    qsizetype size() const { return m_icons.size(); }

private:
    template <typename Make>
    QIcon cached(const QString& key, Make&& make);

    QHash<QString, QIcon> m_icons;
};

} // namespace Knot
