#pragma once

#include "command.h"

#include <QList>

namespace Knot {

// `space list|show|create|start|stop|restart|edit|delete|logs`.
QList<Command> spaceCommands();

} // namespace Knot
