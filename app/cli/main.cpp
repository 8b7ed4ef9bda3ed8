#include "clicontext.h"
#include "command.h"
#include "enginecommands.h"
#include "orphancommands.h"
#include "portcommands.h"
#include "spacecommands.h"
#include "templatecommands.h"
#include "varcommands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace Knot;

namespace {

void printCommands(QTextStream& out, const QList<Command>& commands, const QString& group = {})
{
    for (const auto& command : commands) {
        if (!group.isEmpty() && command.group != group) {
            continue;
        }
        const QString words = QStringList {command.group, command.name, command.synopsis}.join(u' ').simplified();
        out << "  " << words.trimmed().leftJustified(52) << ' ' << command.summary << '\n';
    }
}

void printHelp(QTextStream& out, const QList<Command>& commands)
{
    out << "Usage: knot-cli [--db PATH] [--engine ENDPOINT] [--json] COMMAND [ARGUMENTS]\n\n"
           "Manage Knot Desktop templates, spaces and engines from scripts.\n\n"
           "Global options:\n"
           "  --db PATH   database file (default: $KNOT_DESKTOP_DB, else the XDG data folder)\n"
           "  --engine ENDPOINT  the engine for spaces without one (default: $KNOT_DESKTOP_ENGINE,\n"
           "              else the registered default, else the first engine found)\n"
           "  --json      machine-readable output\n"
           "  --help      this text; COMMAND --help for a command's options\n"
           "  --version   the version\n\nCommands:\n";
    printCommands(out, commands);
    out << "\nExit codes: 0 ok, 1 failure, 2 usage, 3 invalid input, 4 not found, 5 conflict, 6 engine error.\n";
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("knot-desktop"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KNOT_CLI_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);

    QList<Command> commands;
    commands += templateCommands();
    commands += varCommands();
    commands += spaceCommands();
    commands += portCommands();
    commands += engineCommands();
    commands += orphanCommands();

    // Global options come before the command words.
    QStringList arguments = QCoreApplication::arguments().mid(1);
    QString databaseOverride;
    QString engineOverride = qEnvironmentVariable("KNOT_DESKTOP_ENGINE");
    bool json = false;
    while (!arguments.isEmpty() && arguments.first().startsWith(u'-')) {
        const QString option = arguments.takeFirst();
        if (option == u"--json") {
            json = true;
        } else if (option == u"--db" && !arguments.isEmpty()) {
            databaseOverride = arguments.takeFirst();
        } else if (option.startsWith(u"--db=")) {
            databaseOverride = option.mid(5);
        } else if (option == u"--engine" && !arguments.isEmpty()) {
            engineOverride = arguments.takeFirst();
        } else if (option.startsWith(u"--engine=")) {
            engineOverride = option.mid(9);
        } else if (option == u"--help" || option == u"-h") {
            printHelp(out, commands);
            return CliContext::Success;
        } else if (option == u"--version") {
            out << "knot-cli " << QCoreApplication::applicationVersion() << '\n';
            return CliContext::Success;
        } else {
            CliContext context(databaseOverride, json, out, err);
            return context.usage(QStringLiteral("unknown option '%1'").arg(option));
        }
    }
    // --json may also follow the command words, where scripts tend to put it.
    if (arguments.removeAll(QStringLiteral("--json")) > 0) {
        json = true;
    }

    CliContext context(databaseOverride, json, out, err);
    context.setEngineOverride(engineOverride);
    if (arguments.isEmpty()) {
        printHelp(err, commands);
        return CliContext::UsageError;
    }
    for (const auto& command : commands) {
        // A command is one word (`orphans`) or a group and a name (`space list`).
        const bool oneWord = command.name.isEmpty();
        if (command.group == arguments.at(0)
            && (oneWord || (arguments.size() > 1 && command.name == arguments.at(1)))) {
            // QCommandLineParser expects a program name first: give it the command words.
            QStringList commandArguments = arguments.mid(oneWord ? 1 : 2);
            commandArguments.prepend(QString(command.group + u' ' + command.name).trimmed());
            const int code = command.run(context, commandArguments);
            return code == CliContext::Pending ? QCoreApplication::exec() : code;
        }
    }
    // A group alone, or with --help: its commands.
    const QString group = arguments.first();
    const bool isGroup =
        std::any_of(commands.cbegin(), commands.cend(), [&](const Command& c) { return c.group == group; });
    const bool helpAsked = arguments.size() > 1 && (arguments.at(1) == u"--help" || arguments.at(1) == u"-h");
    if (isGroup && (arguments.size() < 2 || helpAsked)) {
        QTextStream& stream = helpAsked ? out : err;
        if (!helpAsked) {
            stream << "knot-cli: '" << group << "' needs a command:\n";
        }
        printCommands(stream, commands, group);
        stream << "\nRun 'knot-cli " << group << " COMMAND --help' for a command's options.\n";
        return helpAsked ? CliContext::Success : CliContext::UsageError;
    }
    if (arguments.size() < 2) {
        return context.usage(QStringLiteral("unknown command '%1'").arg(group));
    }
    return context.usage(QStringLiteral("unknown command '%1 %2'").arg(arguments.at(0), arguments.at(1)));
}
