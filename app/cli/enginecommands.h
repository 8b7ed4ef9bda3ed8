#pragma once

#include "command.h"

#include <QList>

namespace Knot {

// `engine list|add|remove|test`.
QList<Command> engineCommands();

} // namespace Knot
