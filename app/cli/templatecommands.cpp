#include "templatecommands.h"

#include "clicontext.h"
#include "tableprinter.h"

#include "core/store/database.h"
#include "core/store/templatestore.h"
#include "core/store/variablestore.h"
#include "core/template/templatedocument.h"
#include "core/template/templateresolver.h"
#include "core/template/variablecontext.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace Knot {

namespace {

QJsonObject toJson(const Template& tmpl, int spaceCount)
{
    QJsonArray ports;
    for (const auto& port : tmpl.ports) {
        ports.append(QJsonObject {{QStringLiteral("name"), port.name},
                                  {QStringLiteral("port"), port.port},
                                  {QStringLiteral("protocol"), toText(port.protocol)}});
    }
    QJsonArray fields;
    for (const auto& field : tmpl.customFields) {
        fields.append(
            QJsonObject {{QStringLiteral("name"), field.name}, {QStringLiteral("description"), field.description}});
    }
    QJsonObject json {
        {QStringLiteral("id"), tmpl.id},
        {QStringLiteral("name"), tmpl.name},
        {QStringLiteral("description"), tmpl.description},
        {QStringLiteral("icon"), tmpl.icon},
        {QStringLiteral("platform"), toText(tmpl.platform)},
        {QStringLiteral("spaces"), spaceCount},
        {QStringLiteral("job"), tmpl.job},
        {QStringLiteral("volumes"), tmpl.volumes},
        {QStringLiteral("ports"), ports},
        {QStringLiteral("custom_fields"), fields},
        {QStringLiteral("features"),
         QJsonObject {{QStringLiteral("with_terminal"), tmpl.features.terminal},
                      {QStringLiteral("with_code_server"), tmpl.features.codeServer},
                      {QStringLiteral("with_vscode_tunnel"), tmpl.features.vscodeTunnel},
                      {QStringLiteral("with_ssh"), tmpl.features.ssh},
                      {QStringLiteral("with_run_command"), tmpl.features.runCommand}}},
        {QStringLiteral("code_server_port"), tmpl.codeServerPort},
        {QStringLiteral("pull_policy"), toText(tmpl.pullPolicy)},
    };
    if (tmpl.vnc) {
        json.insert(QStringLiteral("vnc"),
                    QJsonObject {{QStringLiteral("port"), tmpl.vnc->port},
                                 {QStringLiteral("transport"), toText(tmpl.vnc->transport)}});
    }
    return json;
}

} // namespace

Result<Template> findTemplate(Database& db, const QString& nameOrId)
{
    TemplateStore store(db);
    auto byName = store.getByName(nameOrId);
    if (byName || byName.error().kind != Error::Kind::NotFound) {
        return byName;
    }
    auto byId = store.get(nameOrId);
    if (byId) {
        return byId;
    }
    return Error::notFound(QStringLiteral("No template named “%1”").arg(nameOrId));
}

namespace {

// "template COMMAND TEMPLATE [options]": the template the command acts on.
std::optional<Template> findTemplateArgument(CliContext& context,
                                             QCommandLineParser& parser,
                                             const QStringList& arguments,
                                             const QString& command)
{
    parser.addPositionalArgument(QStringLiteral("template"), QStringLiteral("template name or id"));
    return context.findNamed<Template>(
        parser, arguments, QStringLiteral("template %1 needs a template name").arg(command), findTemplate);
}

Result<QString> readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return Error::io(QStringLiteral("cannot read %1").arg(path), file.errorString());
    }
    return QString::fromUtf8(file.readAll());
}

int indentation(const QString& line)
{
    int indent = 0;
    while (indent < line.size() && line.at(indent) == u' ') {
        ++indent;
    }
    return indent;
}

// Where a top-level block scalar's content starts in a template document (0-based line, indent),
// so errors inside `job:` and `volumes:` are reported at their line in the file.
std::optional<std::pair<int, int>> blockStart(const QString& document, const QString& key)
{
    const QStringList lines = document.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (!lines.at(i).startsWith(key + u':')) {
            continue;
        }
        for (int j = i + 1; j < lines.size(); ++j) {
            if (!lines.at(j).trimmed().isEmpty()) {
                return std::pair {j, indentation(lines.at(j))};
            }
        }
    }
    return std::nullopt;
}

// Diagnostics inside a template document's job or volumes point at their line in the file.
void locateInDocument(Diagnostics& diagnostics, const QString& document)
{
    for (auto& d : diagnostics) {
        const QString block = d.field.section(u'.', 0, 0).section(u'[', 0, 0);
        if (d.line <= 0 || (block != u"job" && block != u"volumes")) {
            continue;
        }
        if (const auto start = blockStart(document, block)) {
            d.line += start->first;
            d.column = d.column > 0 ? d.column + start->second : 0;
        }
    }
}

// "file:line:column: error: field: message", the format editors and CI logs recognize.
int printDiagnostics(CliContext& context, const QString& file, const Diagnostics& diagnostics)
{
    if (context.json()) {
        QJsonArray rows;
        for (const auto& d : diagnostics) {
            rows.append(QJsonObject {
                {QStringLiteral("file"), file},
                {QStringLiteral("line"), d.line},
                {QStringLiteral("column"), d.column},
                {QStringLiteral("severity"), d.isError() ? QStringLiteral("error") : QStringLiteral("warning")},
                {QStringLiteral("field"), d.field},
                {QStringLiteral("message"), d.message}});
        }
        context.printJson(rows);
    }
    int errors = 0;
    for (const auto& d : diagnostics) {
        errors += d.isError() ? 1 : 0;
        if (context.json()) {
            continue;
        }
        QString where = file;
        if (d.line > 0) {
            where += u':' + QString::number(d.line) + (d.column > 0 ? u':' + QString::number(d.column) : QString());
        }
        context.err() << where << (d.isError() ? ": error: " : ": warning: ")
                      << (d.field.isEmpty() ? QString() : d.field + QStringLiteral(": ")) << d.message << '\n';
    }
    context.err().flush();
    return errors;
}

QMap<QString, QString> variableValues(CliContext& context)
{
    QMap<QString, QString> values;
    if (auto db = context.database()) {
        if (const auto variables = VariableStore(**db).list()) {
            for (const auto& variable : *variables) {
                values.insert(variable.name, variable.value);
            }
        }
    }
    return values;
}

int listTemplates(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    TemplateStore store(**db);
    const auto templates = store.list();
    if (!templates) {
        return context.fail(templates.error());
    }
    const auto counts = store.spaceCounts();
    if (!counts) {
        return context.fail(counts.error());
    }
    if (context.json()) {
        QJsonArray rows;
        for (const auto& tmpl : *templates) {
            rows.append(toJson(tmpl, counts->value(tmpl.id)));
        }
        context.printJson(rows);
        return CliContext::Success;
    }
    TablePrinter table(
        {QStringLiteral("NAME"), QStringLiteral("PLATFORM"), QStringLiteral("SPACES"), QStringLiteral("DESCRIPTION")});
    for (const auto& tmpl : *templates) {
        table.addRow({tmpl.name,
                      toText(tmpl.platform),
                      QString::number(counts->value(tmpl.id)),
                      tmpl.description.section(u'\n', 0, 0)});
    }
    table.print(context.out());
    return CliContext::Success;
}

int showTemplate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const auto tmpl = findTemplateArgument(context, parser, arguments, QStringLiteral("show"));
    if (!tmpl) {
        return context.exitCode();
    }
    auto db = context.database();
    const auto count = TemplateStore(**db).spaceCount(tmpl->id);
    if (!count) {
        return context.fail(count.error());
    }
    context.printRecord(toJson(*tmpl, *count),
                        {QStringLiteral("name"),
                         QStringLiteral("id"),
                         QStringLiteral("description"),
                         QStringLiteral("icon"),
                         QStringLiteral("platform"),
                         QStringLiteral("spaces"),
                         QStringLiteral("pull_policy"),
                         QStringLiteral("code_server_port")});
    if (context.json()) {
        return CliContext::Success;
    }
    auto& out = context.out();
    for (const auto& port : tmpl->ports) {
        out << QStringLiteral("port:").leftJustified(18) << port.name << ' ' << port.port << '/'
            << toText(port.protocol) << '\n';
    }
    for (const auto& field : tmpl->customFields) {
        out << QStringLiteral("custom field:").leftJustified(18) << field.name << "  " << field.description << '\n';
    }
    out << "job:\n" << tmpl->job << (tmpl->job.endsWith(u'\n') ? "" : "\n");
    if (!tmpl->volumes.isEmpty()) {
        out << "volumes:\n" << tmpl->volumes << (tmpl->volumes.endsWith(u'\n') ? "" : "\n");
    }
    return CliContext::Success;
}

int deleteTemplate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const auto tmpl = findTemplateArgument(context, parser, arguments, QStringLiteral("delete"));
    if (!tmpl) {
        return context.exitCode();
    }
    auto db = context.database();
    const auto done = TemplateStore(**db).remove(tmpl->id);
    return done ? CliContext::Success : context.fail(done.error());
}

int importTemplate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("knot template YAML"));
    parser.addOption({QStringLiteral("name"), QStringLiteral("import under another name"), QStringLiteral("name")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    if (parser.positionalArguments().size() != 1) {
        return context.usage(QStringLiteral("template import needs FILE"));
    }
    const QString path = parser.positionalArguments().first();
    const auto text = readText(path);
    if (!text) {
        return context.fail(text.error());
    }
    auto parsed = TemplateDocument::parse(*text);
    if (parser.isSet(QStringLiteral("name"))) {
        parsed.value.name = parser.value(QStringLiteral("name"));
    }
    Diagnostics documents = TemplateResolver::validateDocuments(parsed.value, variableValues(context));
    locateInDocument(documents, *text);
    const Diagnostics diagnostics = parsed.diagnostics + documents;
    if (printDiagnostics(context, path, diagnostics) > 0) {
        return context.fail(Error::invalid(QStringLiteral("%1 was not imported: fix the errors above").arg(path)));
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    parsed.value.id.clear();
    const auto inserted = TemplateStore(**db).insert(parsed.value);
    if (!inserted) {
        return context.fail(inserted.error());
    }
    if (context.json()) {
        context.printJson(toJson(*inserted, 0));
    } else {
        context.out() << "Imported template " << inserted->name << " (" << inserted->id << ")\n";
    }
    return CliContext::Success;
}

int exportTemplate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("write to FILE instead of standard output"),
                      QStringLiteral("file")});
    const auto tmpl = findTemplateArgument(context, parser, arguments, QStringLiteral("export"));
    if (!tmpl) {
        return context.exitCode();
    }
    if (parser.isSet(QStringLiteral("output"))) {
        const auto written = TemplateDocument::writeFile(*tmpl, parser.value(QStringLiteral("output")));
        return written ? CliContext::Success : context.fail(written.error());
    }
    context.out() << TemplateDocument::serialize(*tmpl);
    return CliContext::Success;
}

int validateTemplate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("knot template YAML"));
    parser.addOption(
        {QStringLiteral("spec"), QStringLiteral("a bare container spec (job) file"), QStringLiteral("file")});
    parser.addOption(
        {QStringLiteral("volumes"), QStringLiteral("a bare volume definition file"), QStringLiteral("file")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    const bool bare = parser.isSet(QStringLiteral("spec")) || parser.isSet(QStringLiteral("volumes"));
    if (bare == (parser.positionalArguments().size() == 1) || parser.positionalArguments().size() > 1) {
        return context.usage(
            QStringLiteral("template validate needs FILE, or --spec JOB.yaml [--volumes VOLUMES.yaml]"));
    }
    int errors = 0;
    if (bare) {
        Template tmpl;
        tmpl.name = QStringLiteral("validate");
        QString jobPath = parser.value(QStringLiteral("spec"));
        QString volumesPath = parser.value(QStringLiteral("volumes"));
        for (auto [path, target] : {std::pair {jobPath, &tmpl.job}, std::pair {volumesPath, &tmpl.volumes}}) {
            if (path.isEmpty()) {
                continue;
            }
            const auto text = readText(path);
            if (!text) {
                return context.fail(text.error());
            }
            *target = *text;
        }
        if (jobPath.isEmpty()) {
            tmpl.platform = Platform::Manual; // only the volume definition is checked
        }
        const Diagnostics all = TemplateResolver::validate(tmpl, variableValues(context));
        for (const auto& [document, path] :
             {std::pair {QStringLiteral("job"), jobPath}, std::pair {QStringLiteral("volumes"), volumesPath}}) {
            Diagnostics mine;
            for (Diagnostic d : all) {
                if (d.field == document || d.field.startsWith(document + u'.')) {
                    d.field = d.field.mid(document.size() + 1);
                    mine.append(d);
                }
            }
            errors += printDiagnostics(context, path, mine);
        }
    } else {
        const QString path = parser.positionalArguments().first();
        const auto text = readText(path);
        if (!text) {
            return context.fail(text.error());
        }
        const auto parsed = TemplateDocument::parse(*text);
        Diagnostics documents = TemplateResolver::validateDocuments(parsed.value, variableValues(context));
        locateInDocument(documents, *text);
        const Diagnostics diagnostics = parsed.diagnostics + documents;
        errors = printDiagnostics(context, path, diagnostics);
    }
    if (errors > 0) {
        return CliContext::InvalidInput;
    }
    if (!context.json()) {
        context.out() << "valid\n";
    }
    return CliContext::Success;
}

int renderTemplate(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("template"), QStringLiteral("template name, id or template file"));
    parser.addOption(
        {QStringLiteral("spec"), QStringLiteral("render a bare container spec file"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("set"),
                      QStringLiteral("a variable value, e.g. space.name=dev or custom.project=x (repeatable)"),
                      QStringLiteral("path=value")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    Template tmpl;
    QString file;
    if (parser.isSet(QStringLiteral("spec"))) {
        file = parser.value(QStringLiteral("spec"));
        const auto text = readText(file);
        if (!text) {
            return context.fail(text.error());
        }
        tmpl.name = QStringLiteral("render");
        tmpl.job = *text;
    } else if (parser.positionalArguments().size() == 1) {
        const QString source = parser.positionalArguments().first();
        if (QFileInfo(source).isFile()) {
            file = source;
            const auto read = TemplateDocument::readFile(source);
            if (!read) {
                return context.fail(read.error());
            }
            if (printDiagnostics(context, source, read->diagnostics) > 0) {
                return CliContext::InvalidInput;
            }
            tmpl = read->value;
        } else {
            auto db = context.database();
            if (!db) {
                return context.fail(db.error());
            }
            const auto found = findTemplate(**db, source);
            if (!found) {
                return context.fail(found.error());
            }
            tmpl = *found;
            file = tmpl.name;
        }
    } else {
        return context.usage(QStringLiteral("template render needs TEMPLATE or --spec FILE"));
    }
    const auto variables = variableValues(context);
    const auto preview = VariableContext::previewContext(tmpl, parser.values(QStringLiteral("set")), variables);
    if (!preview) {
        return context.fail(preview.error());
    }
    const RenderResult job = preview->render(tmpl.job, QStringLiteral("job"));
    const RenderResult volumes = preview->render(tmpl.volumes, QStringLiteral("volumes"));
    if (printDiagnostics(context, file, job.diagnostics + volumes.diagnostics) > 0) {
        return CliContext::InvalidInput;
    }
    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("job"), job.text}, {QStringLiteral("volumes"), volumes.text}});
        return CliContext::Success;
    }
    context.out() << job.text << (job.text.endsWith(u'\n') ? "" : "\n");
    if (!volumes.text.trimmed().isEmpty()) {
        context.out() << "---\n" << volumes.text << (volumes.text.endsWith(u'\n') ? "" : "\n");
    }
    return CliContext::Success;
}

} // namespace

QList<Command> templateCommands()
{
    return {
        makeCommand("template", "list", "", "list templates", listTemplates),
        makeCommand("template", "show", "TEMPLATE", "show a template", showTemplate),
        makeCommand("template", "import", "FILE [--name NAME]", "import a knot template file", importTemplate),
        makeCommand("template", "export", "TEMPLATE [-o FILE]", "export a template as knot YAML", exportTemplate),
        makeCommand("template",
                    "validate",
                    "FILE | --spec JOB [--volumes VOLUMES]",
                    "check a template or a bare spec",
                    validateTemplate),
        makeCommand("template",
                    "render",
                    "TEMPLATE|FILE|--spec JOB [--set K=V]...",
                    "print the spec with variables resolved",
                    renderTemplate),
        makeCommand("template", "delete", "TEMPLATE", "delete a template no space uses", deleteTemplate),
    };
}

} // namespace Knot
