#include "ui/iconcache.h"

#include "ui/icons.h"

#include <QColor>

namespace Knot {

template <typename Make>
QIcon IconCache::cached(const QString& key, Make&& make)
{
    if (const auto found = m_icons.constFind(key); found != m_icons.cend()) {
        return *found;
    }
    return *m_icons.insert(key, make());
}

QIcon IconCache::fromSetting(const QString& setting)
{
    return cached(QStringLiteral("setting:") + setting, [&] { return Icons::fromSetting(setting); });
}

QIcon IconCache::service(ServiceIcon service, const QColor& color)
{
    return cached(QStringLiteral("service:%1:%2").arg(int(service)).arg(color.rgba()),
                  [&] { return Icons::service(service, color); });
}

QIcon IconCache::dot(const QColor& color, int size)
{
    return cached(QStringLiteral("dot:%1:%2").arg(color.rgba()).arg(size), [&] { return Icons::dot(color, size); });
}

} // namespace Knot
