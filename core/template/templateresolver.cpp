#include "core/template/templateresolver.h"

#include "core/template/templatedocument.h"
#include "core/template/variablecontext.h"
#include "core/template/volumedefinitionparser.h"

namespace Knot {

namespace {

// Moves diagnostics found in rendered text back to the user's text. A column survives only where
// the rendered line is the line the user wrote (a substitution earlier on it shifts columns).
void mapBack(Diagnostics& into,
             const Diagnostics& found,
             const RenderResult& rendered,
             const QString& source,
             const QString& document)
{
    const QStringList sourceLines = source.split(u'\n');
    const QStringList outputLines = rendered.text.split(u'\n');
    for (Diagnostic d : found) {
        if (d.line > 0) {
            const int outputLine = d.line;
            d.line = rendered.sourceLine(outputLine);
            if (sourceLines.value(d.line - 1) != outputLines.value(outputLine - 1)) {
                d.column = 0;
            }
        }
        d.field = d.field.isEmpty() ? document : document + u'.' + d.field;
        into.append(d);
    }
}

void prefix(Diagnostics& into, Diagnostics found, const QString& document)
{
    for (auto& d : found) {
        if (!d.field.startsWith(document)) {
            d.field = d.field.isEmpty() ? document : document + u'.' + d.field;
        }
        into.append(d);
    }
}

} // namespace

Parsed<ResolvedTemplate> TemplateResolver::resolve(const Template& tmpl, const VariableContext& context)
{
    Parsed<ResolvedTemplate> result;
    const RenderResult volumesText = context.render(tmpl.volumes, QStringLiteral("volumes"));
    const RenderResult jobText = context.render(tmpl.job, QStringLiteral("job"));
    prefix(result.diagnostics, volumesText.diagnostics, QStringLiteral("volumes"));
    prefix(result.diagnostics, jobText.diagnostics, QStringLiteral("job"));
    if (!volumesText.ok() || !jobText.ok()) {
        return result;
    }
    const auto volumes = VolumeDefinitionParser::parse(volumesText.text);
    mapBack(result.diagnostics, volumes.diagnostics, volumesText, tmpl.volumes, QStringLiteral("volumes"));
    // Undeclared named volumes are only meaningful against a definition that parsed.
    const auto spec =
        ContainerSpecParser::parse(jobText.text, volumes.ok() ? std::optional(volumes.value) : std::nullopt);
    mapBack(result.diagnostics, spec.diagnostics, jobText, tmpl.job, QStringLiteral("job"));
    result.value = {spec.value, volumes.value};
    return result;
}

Diagnostics TemplateResolver::validate(const Template& tmpl, const QMap<QString, QString>& variables)
{
    return TemplateDocument::validateFields(tmpl) + validateDocuments(tmpl, variables);
}

Diagnostics TemplateResolver::validateDocuments(const Template& tmpl, const QMap<QString, QString>& variables)
{
    Diagnostics diagnostics;
    // An empty job is either fine (manual) or already reported by validateFields.
    if (tmpl.job.trimmed().isEmpty()) {
        return diagnostics;
    }
    const auto context = VariableContext::previewContext(tmpl, {}, variables);
    if (!context) {
        diagnostics.append({Diagnostic::Severity::Error, 0, 0, {}, context.error().message});
        return diagnostics;
    }
    diagnostics += resolve(tmpl, *context).diagnostics;
    prefix(diagnostics, VolumeDefinitionParser::sharedVolumeWarnings(tmpl.volumes), QStringLiteral("volumes"));
    return diagnostics;
}

} // namespace Knot
