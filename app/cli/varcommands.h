#pragma once

#include "command.h"

#include <QList>

namespace Knot {

// `var set|list|delete`: template variables reached as ${{ .var.NAME }}.
QList<Command> varCommands();

} // namespace Knot
