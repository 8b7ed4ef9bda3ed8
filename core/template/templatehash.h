#pragma once

#include "core/model/template.h"

#include <QString>

namespace Knot {

// The digest behind "Update Available": SHA-256 (hex) over what changes the container a space gets —
// job, volumes, platform, feature flags and custom fields with their descriptions — and nothing
// cosmetic (name, description, icon, ports). The input is serialized canonically (fixed order,
// length-prefixed UTF-8) so the same template hashes the same on every run and platform.
class TemplateHash
{
public:
    static QString compute(const Template& tmpl);
};

} // namespace Knot
