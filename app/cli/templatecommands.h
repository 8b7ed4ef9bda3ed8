#pragma once

#include "command.h"

#include "core/model/template.h"
#include "core/result.h"

#include <QList>

namespace Knot {

class Database;

// A template named by id or by name (names are what people type).
Result<Template> findTemplate(Database& db, const QString& nameOrId);

// `template list|show|import|export|delete|validate|render`.
QList<Command> templateCommands();

} // namespace Knot
