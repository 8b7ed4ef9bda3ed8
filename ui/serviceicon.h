#pragma once

#include <QFlags>

namespace Knot {

// The service icons a running space can show, in display order. (Not "SpaceService": that is the
// core's lifecycle service.)
enum class ServiceIcon
{
    Vnc = 0x1,
    CodeServer = 0x2,
    VscodeTunnel = 0x4,
    WebTerminal = 0x8,
    Ports = 0x10,
};
Q_DECLARE_FLAGS(ServiceIcons, ServiceIcon)
Q_DECLARE_OPERATORS_FOR_FLAGS(ServiceIcons)

} // namespace Knot
