#pragma once

#include "core/model/containerspec.h"
#include "core/model/diagnostic.h"

#include <QString>

#include <optional>

namespace Knot {

// Parses a template's `job` (after variable resolution) into a ContainerSpec, reporting every
// problem with its line and column: unknown keys, wrong types, bad values, duplicate keys,
// several documents, and, when the volume definition is given, undeclared named volumes.
class ContainerSpecParser
{
public:
    static Parsed<ContainerSpec> parse(const QString& yaml,
                                       const std::optional<VolumeDefinition>& declared = std::nullopt);
};

} // namespace Knot
