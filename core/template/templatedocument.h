#pragma once

#include "core/model/diagnostic.h"
#include "core/model/template.h"
#include "core/result.h"

#include <QString>

namespace Knot {

// knot's template export format: one YAML document with name, description, icon_url (`icon` is
// accepted too), platform, job and volumes (block scalars), ports, custom_fields and features
// (absent flags are off, as knot omits false ones), plus the desktop's vnc,
// code_server_port and pull_policy. Keys the desktop does not use (health checks, schedules,
// groups, …) are kept verbatim in Template::extraYaml and written back, so a round trip loses
// nothing. Diagnostics name fields by their YAML path ("ports[1].port", "vnc.transport").
class TemplateDocument
{
public:
    using Parsed = Knot::Parsed<Template>;

    // Every problem in the document, each with line and column; the template is filled as far as
    // the document allows.
    static Parsed parse(const QString& yaml);
    static QString serialize(const Template& tmpl);

    static Result<Parsed> readFile(const QString& path);
    static VoidResult writeFile(const Template& tmpl, const QString& path);

    // The field rules without YAML positions, for the template editor: name, job unless manual,
    // ports, custom fields, vnc and code-server ports.
    static Diagnostics validateFields(const Template& tmpl);
};

} // namespace Knot
