#pragma once

#include "core/result.h"

#include <QFuture>

#include <functional>

namespace Knot {

struct RunningSpace;

// A local 127.0.0.1 port forwarding into `containerPort` of the running space (DESIGN "Reaching
// services inside a space"). The app passes one backed by PortForwarder to every service that opens
// ports of a space (Ports menu, VNC desktop); tests may pass their own.
using SpaceForwarder = std::function<QFuture<Result<int>>(const RunningSpace& space, int containerPort)>;

} // namespace Knot
