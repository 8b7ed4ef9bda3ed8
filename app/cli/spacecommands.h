#pragma once

#include "command.h"

#include <QList>

#include <optional>

class QCommandLineParser;

namespace Knot {

// `space list|show|create|start|stop|restart|edit|delete|logs`.
QList<Command> spaceCommands();

class CliContext;
struct Space;
// "space COMMAND SPACE [options]": the space the command acts on, by id or name, after parsing
// `arguments` with `parser` (which must expect no other positional argument). On failure prints
// why and returns nullopt; the context's exitCode() then says how to end.
std::optional<Space> findSpaceArgument(CliContext& context,
                                       QCommandLineParser& parser,
                                       const QStringList& arguments,
                                       const QString& command);

} // namespace Knot
