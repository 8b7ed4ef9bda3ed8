#pragma once

#include <QString>

namespace Knot {

// Labels on everything the app creates in an engine, so reconciliation can find it again: which
// space it belongs to, which template hash the space was started with, and which app instance
// (one per database) created it, so two databases on one engine never touch each other's objects.
namespace SpaceLabels {
inline const QString SpaceId = QStringLiteral("io.knot-desktop.space-id");
inline const QString TemplateHash = QStringLiteral("io.knot-desktop.template-hash");
inline const QString Instance = QStringLiteral("io.knot-desktop.instance");

// The label filter for one app instance ("key=value").
inline QString instanceFilter(const QString& instanceId)
{
    return Instance + u'=' + instanceId;
}
} // namespace SpaceLabels

} // namespace Knot
