#include "varcommands.h"

#include "clicontext.h"
#include "tableprinter.h"

#include "core/store/database.h"
#include "core/store/variablestore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace Knot {

namespace {

// The same rule as custom field names, so ${{ .var.NAME }} always parses.
bool isValidVariableName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z][a-zA-Z0-9_]{0,63}$"));
    return pattern.match(name).hasMatch();
}

int setVariable(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("variable name"));
    parser.addPositionalArgument(QStringLiteral("value"), QStringLiteral("its value"));
    parser.addOption({QStringLiteral("secret"), QStringLiteral("hide the value in listings")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    const auto positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return context.usage(QStringLiteral("var set needs NAME and VALUE"));
    }
    if (!isValidVariableName(positional.at(0))) {
        return context.fail(
            Error::invalid(QStringLiteral("invalid variable name '%1': use a letter, then letters, digits or _")
                               .arg(positional.at(0))));
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    const auto done =
        VariableStore(**db).set({positional.at(0), positional.at(1), parser.isSet(QStringLiteral("secret"))});
    return done ? CliContext::Success : context.fail(done.error());
}

int listVariables(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("show-secrets"), QStringLiteral("print secret values too")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    const auto variables = VariableStore(**db).list();
    if (!variables) {
        return context.fail(variables.error());
    }
    const bool showSecrets = parser.isSet(QStringLiteral("show-secrets"));
    const auto shown = [&](const TemplateVariable& variable) {
        return variable.secret && !showSecrets ? QStringLiteral("********") : variable.value;
    };
    if (context.json()) {
        QJsonArray rows;
        for (const auto& variable : *variables) {
            rows.append(QJsonObject {{QStringLiteral("name"), variable.name},
                                     {QStringLiteral("value"), shown(variable)},
                                     {QStringLiteral("secret"), variable.secret}});
        }
        context.printJson(rows);
        return CliContext::Success;
    }
    TablePrinter table({QStringLiteral("NAME"), QStringLiteral("VALUE")});
    for (const auto& variable : *variables) {
        table.addRow({variable.name, shown(variable)});
    }
    table.print(context.out());
    return CliContext::Success;
}

int deleteVariable(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("variable name"));
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    if (parser.positionalArguments().size() != 1) {
        return context.usage(QStringLiteral("var delete needs NAME"));
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    const auto done = VariableStore(**db).remove(parser.positionalArguments().first());
    return done ? CliContext::Success : context.fail(done.error());
}

} // namespace

QList<Command> varCommands()
{
    return {
        makeCommand("var", "set", "NAME VALUE [--secret]", "define a template variable", setVariable),
        makeCommand("var", "list", "[--show-secrets]", "list template variables", listVariables),
        makeCommand("var", "delete", "NAME", "delete a template variable", deleteVariable),
    };
}

} // namespace Knot
