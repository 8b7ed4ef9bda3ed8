#pragma once

#include "core/model/containerspec.h"
#include "core/template/containerspecparser.h"

namespace Knot {

// Parses a template's volume definition (`volumes:` named volumes, `paths:` managed host paths)
// after variable resolution, reporting every problem with its line and column.
class VolumeDefinitionParser
{
public:
    static Parsed<VolumeDefinition> parse(const QString& yaml);

    // Warnings on the text as the user wrote it (before resolution): a volume whose name does not
    // use ${{ .space.id }} is shared by every space of the template.
    static Diagnostics sharedVolumeWarnings(const QString& unresolvedYaml);
};

} // namespace Knot
