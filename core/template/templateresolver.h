#pragma once

#include "core/model/containerspec.h"
#include "core/model/template.h"
#include "core/template/containerspecparser.h"

#include <QMap>

namespace Knot {

class VariableContext;

// A template's job and volume definition with their variables resolved and parsed: what a start
// hands to the engine.
struct ResolvedTemplate
{
    ContainerSpec spec;
    VolumeDefinition volumes;
};

// Resolves and parses a template's `job` and `volumes`. Diagnostics point into the text the user
// wrote (lines are mapped back through the renderer), with the field prefixed by the document:
// "job.ports[0]", "volumes.paths[1]".
class TemplateResolver
{
public:
    static Parsed<ResolvedTemplate> resolve(const Template& tmpl, const VariableContext& context);

    // Everything wrong with a template as written: its fields, then job and volumes resolved with
    // placeholder values (VariableContext::previewContext), plus warnings such as shared volumes.
    static Diagnostics validate(const Template& tmpl, const QMap<QString, QString>& variables = {});
    // validate() without the field rules: for a template read by TemplateDocument::parse, which
    // already checked its fields with their positions.
    static Diagnostics validateDocuments(const Template& tmpl, const QMap<QString, QString>& variables = {});
};

} // namespace Knot
