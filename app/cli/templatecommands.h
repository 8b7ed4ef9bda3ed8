#pragma once

#include "command.h"

#include <QList>

namespace Knot {

// `template list|show|import|export|delete|validate|render`.
QList<Command> templateCommands();

} // namespace Knot
