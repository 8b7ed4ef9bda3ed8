#pragma once

#include "command.h"

#include <QList>

namespace Knot {

// `orphans [--remove ID | --remove-all]`: what this database labelled in an engine but no longer knows.
QList<Command> orphanCommands();

} // namespace Knot
