#pragma once

#include "command.h"

#include <QList>

namespace Knot {

// `space ports` and `space forward`: a running space's ports, and a local forward into one.
QList<Command> portCommands();

} // namespace Knot
