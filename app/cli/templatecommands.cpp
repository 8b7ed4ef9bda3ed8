#include "templatecommands.h"

#include "clicontext.h"
#include "tableprinter.h"

#include "core/store/database.h"
#include "core/store/templatestore.h"

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

// A template named by id or by name (names are what people type).
Result<Template> findTemplate(TemplateStore& store, const QString& nameOrId)
{
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

int listTemplates(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    if (!context.parse(parser, arguments)) {
        return CliContext::UsageError;
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
    parser.addPositionalArgument(QStringLiteral("template"), QStringLiteral("template name or id"));
    if (!context.parse(parser, arguments)) {
        return CliContext::UsageError;
    }
    if (parser.positionalArguments().size() != 1) {
        return context.usage(QStringLiteral("template show needs a template name"));
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    TemplateStore store(**db);
    const auto tmpl = findTemplate(store, parser.positionalArguments().first());
    if (!tmpl) {
        return context.fail(tmpl.error());
    }
    const auto count = store.spaceCount(tmpl->id);
    if (!count) {
        return context.fail(count.error());
    }
    const QJsonObject json = toJson(*tmpl, *count);
    if (context.json()) {
        context.printJson(json);
        return CliContext::Success;
    }
    auto& out = context.out();
    for (const auto& key : {QStringLiteral("name"),
                            QStringLiteral("id"),
                            QStringLiteral("description"),
                            QStringLiteral("icon"),
                            QStringLiteral("platform"),
                            QStringLiteral("spaces"),
                            QStringLiteral("pull_policy"),
                            QStringLiteral("code_server_port")}) {
        out << QString(key + u':').leftJustified(18) << json.value(key).toVariant().toString() << '\n';
    }
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
    parser.addPositionalArgument(QStringLiteral("template"), QStringLiteral("template name or id"));
    if (!context.parse(parser, arguments)) {
        return CliContext::UsageError;
    }
    if (parser.positionalArguments().size() != 1) {
        return context.usage(QStringLiteral("template delete needs a template name"));
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    TemplateStore store(**db);
    const auto tmpl = findTemplate(store, parser.positionalArguments().first());
    if (!tmpl) {
        return context.fail(tmpl.error());
    }
    const auto done = store.remove(tmpl->id);
    return done ? CliContext::Success : context.fail(done.error());
}

} // namespace

QList<Command> templateCommands()
{
    return {
        {QStringLiteral("template"), QStringLiteral("list"), {}, QStringLiteral("list templates"), listTemplates},
        {QStringLiteral("template"),
         QStringLiteral("show"),
         QStringLiteral("TEMPLATE"),
         QStringLiteral("show a template"),
         showTemplate},
        {QStringLiteral("template"),
         QStringLiteral("delete"),
         QStringLiteral("TEMPLATE"),
         QStringLiteral("delete a template no space uses"),
         deleteTemplate},
    };
}

} // namespace Knot
