#pragma once

#include "core/engine/enginetypes.h"
#include "core/model/containerspec.h"

#include <QByteArray>
#include <QJsonObject>

namespace Knot {

// The container create request for a space's spec and labels.
class SpaceContainerBody
{
public:
    static QJsonObject build(const ContainerSpec& spec, const Labels& labels);
    // X-Registry-Auth for the spec's `auth`, or empty.
    static QByteArray registryAuth(const ContainerSpec& spec);
};

} // namespace Knot
