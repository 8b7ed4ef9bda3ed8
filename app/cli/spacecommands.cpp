#include "spacecommands.h"

#include "clicontext.h"
#include "tableprinter.h"
#include "templatecommands.h"

#include "core/engine/engineclient.h"
#include "core/engine/enginejob.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/space/reconciler.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/templatestore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace Knot {

namespace {

const QString Iso = QStringLiteral("yyyy-MM-ddTHH:mm:ssZ");

QJsonObject toJson(const Space& space, const QString& templateName)
{
    QJsonArray names;
    for (const auto& name : space.additionalNames) {
        names.append(QJsonObject {{QStringLiteral("name"), name.name}, {QStringLiteral("port"), name.port}});
    }
    QJsonObject fields;
    for (auto it = space.customFields.cbegin(); it != space.customFields.cend(); ++it) {
        fields.insert(it.key(), it.value());
    }
    QJsonArray volumes;
    for (const auto& record : space.volumeRecords) {
        volumes.append(QJsonObject {
            {QStringLiteral("kind"),
             record.kind == VolumeRecord::Kind::Volume ? QStringLiteral("volume") : QStringLiteral("path")},
            {QStringLiteral("name"), record.name}});
    }
    return QJsonObject {
        {QStringLiteral("id"), space.id},
        {QStringLiteral("name"), space.name},
        {QStringLiteral("description"), space.description},
        {QStringLiteral("icon"), space.icon},
        {QStringLiteral("template"), templateName},
        {QStringLiteral("template_id"), space.templateId},
        {QStringLiteral("engine_id"), space.engineId},
        {QStringLiteral("shell"), space.shell},
        {QStringLiteral("state"), toText(space.state)},
        {QStringLiteral("error"), space.lastError},
        {QStringLiteral("container_id"), space.containerId},
        {QStringLiteral("alt_names"), names},
        {QStringLiteral("custom_fields"), fields},
        {QStringLiteral("volumes"), volumes},
        {QStringLiteral("update_available"), space.updateAvailable},
        {QStringLiteral("created_at"), space.createdAt.toUTC().toString(Iso)},
        {QStringLiteral("started_at"), space.startedAt.isValid() ? space.startedAt.toUTC().toString(Iso) : QString()},
    };
}

QString templateName(CliContext& context, const QString& templateId)
{
    auto db = context.database();
    if (!db) {
        return templateId;
    }
    const auto tmpl = TemplateStore(**db).get(templateId);
    return tmpl ? tmpl->name : templateId;
}

// "--alt-name NAME=PORT" values.
Result<QList<AdditionalName>> parseAltNames(const QStringList& values)
{
    QList<AdditionalName> names;
    for (const auto& value : values) {
        const qsizetype equals = value.lastIndexOf(u'=');
        if (equals <= 0) {
            return Error::invalid(QStringLiteral("--alt-name '%1': expected NAME=PORT").arg(value));
        }
        bool ok = false;
        const int port = value.mid(equals + 1).toInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            return Error::invalid(
                QStringLiteral("--alt-name '%1': the port must be a number from 1 to 65535").arg(value));
        }
        names.append({value.left(equals), port});
    }
    return names;
}

// "--field KEY=VALUE" values, each a custom field the template declares.
Result<QMap<QString, QString>> parseFields(const QStringList& values, const Template& tmpl)
{
    QMap<QString, QString> fields;
    for (const auto& value : values) {
        const qsizetype equals = value.indexOf(u'=');
        if (equals <= 0) {
            return Error::invalid(QStringLiteral("--field '%1': expected KEY=VALUE").arg(value));
        }
        const QString key = value.left(equals);
        QStringList declared;
        for (const auto& field : tmpl.customFields) {
            declared << field.name;
        }
        if (!declared.contains(key)) {
            return Error::invalid(
                QStringLiteral("--field '%1': template '%2' declares no custom field '%1'%3")
                    .arg(key,
                         tmpl.name,
                         declared.isEmpty()
                             ? QStringLiteral(" (it has none)")
                             : QStringLiteral(" (it has: %1)").arg(declared.join(QStringLiteral(", ")))));
        }
        fields.insert(key, value.mid(equals + 1));
    }
    return fields;
}

// Prints a start's pull progress on stderr: one line per update, or one rewritten line on a terminal.
void showProgress(CliContext& context, SpaceService* service, const QString& spaceId)
{
    const bool terminal = isatty(fileno(stderr)) != 0;
    QObject::connect(service,
                     &SpaceService::progress,
                     service,
                     [&context, spaceId, terminal](const QString& id, int percent, const QString& text) {
                         if (id != spaceId || context.json()) {
                             return;
                         }
                         const QString line = percent >= 0 ? QStringLiteral("%1 %2%").arg(text).arg(percent) : text;
                         if (terminal) {
                             context.err() << '\r' << line.leftJustified(79).left(79);
                         } else {
                             context.err() << line << '\n';
                         }
                         context.err().flush();
                     });
}

// Ends a start, restart or stop: the space in its final state, or the engine's message.
// `progress`: whether showProgress() may have left a rewritten line to end on a terminal.
void finishOperation(CliContext& context, QFuture<Result<Space>> operation, const QString& verb, bool progress)
{
    auto service = context.spaces();
    onFinished(operation, *service, [&context, verb, progress](const Result<Space>& result) {
        if (progress && isatty(fileno(stderr)) != 0 && !context.json()) {
            context.err() << '\n';
        }
        if (!result) {
            context.finish(context.fail(result.error()));
            return;
        }
        if (result->state == SpaceState::Failed) {
            context.finish(context.fail(
                Error {Error::Kind::Engine, QStringLiteral("%1 failed: %2").arg(result->name, result->lastError), {}}));
            return;
        }
        if (context.json()) {
            context.printJson(toJson(*result, templateName(context, result->templateId)));
        } else {
            context.out() << verb << ' ' << result->name << " (" << toText(result->state) << ")\n";
        }
        context.finish(CliContext::Success);
    });
}

int printSpaces(CliContext& context)
{
    auto service = context.spaces();
    const auto spaces = (*service)->list();
    if (!spaces) {
        return context.fail(spaces.error());
    }
    auto db = context.database();
    QHash<QString, QString> templateNames;
    if (const auto templates = TemplateStore(**db).list()) {
        for (const auto& tmpl : *templates) {
            templateNames.insert(tmpl.id, tmpl.name);
        }
    }
    if (context.json()) {
        QJsonArray rows;
        for (const auto& space : *spaces) {
            rows.append(toJson(space, templateNames.value(space.templateId)));
        }
        context.printJson(rows);
        return CliContext::Success;
    }
    TablePrinter table({QStringLiteral("NAME"),
                        QStringLiteral("STATE"),
                        QStringLiteral("TEMPLATE"),
                        QStringLiteral("CONTAINER"),
                        QStringLiteral("DESCRIPTION")});
    for (const auto& space : *spaces) {
        QString state = toText(space.state);
        if (space.updateAvailable) {
            state += QStringLiteral(" (update available)");
        }
        table.addRow({space.name,
                      state,
                      templateNames.value(space.templateId),
                      space.containerId.left(12),
                      space.description.section(u'\n', 0, 0)});
    }
    table.print(context.out());
    return CliContext::Success;
}

int listSpaces(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    auto service = context.spaces();
    if (!service) {
        return context.fail(service.error());
    }
    const auto spaces = (*service)->list();
    if (!spaces) {
        return context.fail(spaces.error());
    }
    // The database is the answer; the engines are asked (once each) only when a space claims to
    // live in one, e.g. after a command was killed mid-start.
    const bool live = std::any_of(spaces->cbegin(), spaces->cend(), [](const Space& space) {
        return space.state != SpaceState::Stopped && space.state != SpaceState::Failed;
    });
    if (!live) {
        return printSpaces(context);
    }
    auto reconciler = context.reconciler();
    onFinished((*reconciler)->reconcileAll(), *service, [&context](const Result<QList<Orphan>>& reconciled) {
        if (!reconciled) {
            context.err() << "knot-cli: warning: states may be stale, the engine did not answer: "
                          << reconciled.error().toString() << '\n';
        }
        context.finish(printSpaces(context));
    });
    return CliContext::Pending;
}

int showSpace(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const auto space = findSpaceArgument(context, parser, arguments, QStringLiteral("show"));
    if (!space) {
        return context.exitCode();
    }
    context.printRecord(toJson(*space, templateName(context, space->templateId)),
                        {QStringLiteral("name"),
                         QStringLiteral("id"),
                         QStringLiteral("state"),
                         QStringLiteral("error"),
                         QStringLiteral("template"),
                         QStringLiteral("description"),
                         QStringLiteral("icon"),
                         QStringLiteral("shell"),
                         QStringLiteral("container_id"),
                         QStringLiteral("created_at"),
                         QStringLiteral("started_at")});
    if (context.json()) {
        return CliContext::Success;
    }
    auto& out = context.out();
    if (space->updateAvailable) {
        out << QStringLiteral("update:").leftJustified(18) << "the template changed since the last start\n";
    }
    for (const auto& name : space->additionalNames) {
        out << QStringLiteral("alt name:").leftJustified(18) << name.name << " -> " << name.port << '\n';
    }
    for (auto it = space->customFields.cbegin(); it != space->customFields.cend(); ++it) {
        out << QStringLiteral("field:").leftJustified(18) << it.key() << '=' << it.value() << '\n';
    }
    for (const auto& record : space->volumeRecords) {
        out << QString(record.kind == VolumeRecord::Kind::Volume ? QStringLiteral("volume:") : QStringLiteral("path:"))
                   .leftJustified(18)
            << record.name << '\n';
    }
    return CliContext::Success;
}

void addSpaceOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("description"), QStringLiteral("what the space is for"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("icon"), QStringLiteral("icon URL or name"), QStringLiteral("icon")});
    parser.addOption({QStringLiteral("shell"), QStringLiteral("the terminal's shell"), QStringLiteral("shell")});
    parser.addOption({QStringLiteral("alt-name"),
                      QStringLiteral("another name for one of the template's HTTP ports (repeatable)"),
                      QStringLiteral("name=port")});
    parser.addOption({QStringLiteral("field"),
                      QStringLiteral("a custom field the template declares (repeatable)"),
                      QStringLiteral("key=value")});
}

// Applies the options addSpaceOptions() declares that were given.
VoidResult applySpaceOptions(const QCommandLineParser& parser, const Template& tmpl, Space& space)
{
    if (parser.isSet(QStringLiteral("description"))) {
        space.description = parser.value(QStringLiteral("description"));
    }
    if (parser.isSet(QStringLiteral("icon"))) {
        space.icon = parser.value(QStringLiteral("icon"));
    }
    if (parser.isSet(QStringLiteral("shell"))) {
        space.shell = parser.value(QStringLiteral("shell"));
    }
    if (parser.isSet(QStringLiteral("alt-name"))) {
        const auto names = parseAltNames(parser.values(QStringLiteral("alt-name")));
        if (!names) {
            return names.error();
        }
        space.additionalNames = *names;
    }
    const auto fields = parseFields(parser.values(QStringLiteral("field")), tmpl);
    if (!fields) {
        return fields.error();
    }
    for (auto it = fields->cbegin(); it != fields->cend(); ++it) {
        space.customFields.insert(it.key(), it.value());
    }
    return {};
}

int createSpace(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("the new space's name"));
    parser.addOption(
        {QStringLiteral("template"), QStringLiteral("the template to make it from"), QStringLiteral("template")});
    addSpaceOptions(parser);
    parser.addOption({QStringLiteral("start"), QStringLiteral("start it once created")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("template"))) {
        return context.usage(QStringLiteral("space create needs NAME and --template TEMPLATE"));
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    const auto tmpl = findTemplate(**db, parser.value(QStringLiteral("template")));
    if (!tmpl) {
        return context.fail({tmpl.error().kind, QStringLiteral("--template: ") + tmpl.error().message, {}});
    }
    Space draft;
    draft.name = parser.positionalArguments().first();
    draft.templateId = tmpl->id;
    draft.shell.clear(); // the configured default shell unless --shell
    if (const auto applied = applySpaceOptions(parser, *tmpl, draft); !applied) {
        return context.fail(applied.error());
    }
    auto service = context.spaces();
    if (!service) {
        return context.fail(service.error());
    }
    const bool start = parser.isSet(QStringLiteral("start"));
    if (start) {
        if (!context.json()) {
            context.err() << "Starting " << draft.name << "…\n";
            context.err().flush();
        }
        // The id is known once the record is stored, before the start reports progress.
        SpaceService* spaces = *service;
        QObject::connect(spaces, &SpaceService::spaceAdded, spaces, [&context, spaces](const Space& space) {
            showProgress(context, spaces, space.id);
        });
    }
    finishOperation(context, (*service)->create(draft, start), QStringLiteral("Created"), start);
    return CliContext::Pending;
}

// start and restart: progress on stderr, then Running or the engine's message.
int startOrRestart(CliContext& context, const QStringList& arguments, bool restart)
{
    QCommandLineParser parser;
    const QString command = restart ? QStringLiteral("restart") : QStringLiteral("start");
    const auto space = findSpaceArgument(context, parser, arguments, command);
    if (!space) {
        return context.exitCode();
    }
    auto service = context.spaces();
    if (!context.json()) {
        context.err() << (restart ? "Restarting " : "Starting ") << space->name << "…\n";
        context.err().flush();
    }
    showProgress(context, *service, space->id);
    finishOperation(context,
                    restart ? (*service)->restart(space->id) : (*service)->start(space->id),
                    restart ? QStringLiteral("Restarted") : QStringLiteral("Started"),
                    true);
    return CliContext::Pending;
}

int startSpace(CliContext& context, const QStringList& arguments)
{
    return startOrRestart(context, arguments, false);
}

int restartSpace(CliContext& context, const QStringList& arguments)
{
    return startOrRestart(context, arguments, true);
}

int stopSpace(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const auto space = findSpaceArgument(context, parser, arguments, QStringLiteral("stop"));
    if (!space) {
        return context.exitCode();
    }
    auto service = context.spaces();
    finishOperation(context, (*service)->stop(space->id), QStringLiteral("Stopped"), false);
    return CliContext::Pending;
}

int editSpace(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("name"), QStringLiteral("rename the space"), QStringLiteral("name")});
    addSpaceOptions(parser);
    const auto space = findSpaceArgument(context, parser, arguments, QStringLiteral("edit"));
    if (!space) {
        return context.exitCode();
    }
    auto db = context.database();
    const auto tmpl = TemplateStore(**db).get(space->templateId);
    if (!tmpl) {
        return context.fail(tmpl.error());
    }
    Space edited = *space;
    if (parser.isSet(QStringLiteral("name"))) {
        edited.name = parser.value(QStringLiteral("name"));
    }
    if (const auto applied = applySpaceOptions(parser, *tmpl, edited); !applied) {
        return context.fail(applied.error());
    }
    auto service = context.spaces();
    finishOperation(context, (*service)->edit(edited), QStringLiteral("Edited"), false);
    return CliContext::Pending;
}

int deleteSpace(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({{QStringLiteral("y"), QStringLiteral("yes")}, QStringLiteral("do not ask for confirmation")});
    const auto space = findSpaceArgument(context, parser, arguments, QStringLiteral("delete"));
    if (!space) {
        return context.exitCode();
    }
    if (!parser.isSet(QStringLiteral("yes"))) {
        auto& err = context.err();
        err << "Deleting space " << space->name << " removes:\n";
        if (!space->containerId.isEmpty()) {
            err << "  container " << space->containerId.left(12) << '\n';
        }
        for (const auto& record : space->volumeRecords) {
            err << (record.kind == VolumeRecord::Kind::Volume ? "  volume " : "  folder ") << record.name << '\n';
        }
        err << "  the space's record\n";
        if (isatty(fileno(stdin)) == 0) {
            err << "knot-cli: refusing to delete " << space->name
                << " without confirmation: standard input is not a terminal, pass --yes\n";
            err.flush();
            return CliContext::UsageError;
        }
        err << "Delete? [y/N] ";
        err.flush();
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != u"y" && answer != u"yes") {
            context.err() << "Not deleted.\n";
            return CliContext::Failure;
        }
    }
    auto service = context.spaces();
    const QString name = space->name;
    onFinished((*service)->remove(space->id), *service, [&context, name](const VoidResult& removed) {
        if (!removed) {
            context.finish(context.fail(removed.error()));
            return;
        }
        if (!context.json()) {
            context.out() << "Deleted " << name << '\n';
        }
        context.finish(CliContext::Success);
    });
    return CliContext::Pending;
}

int spaceLogs(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("tail"), QStringLiteral("only the last N lines"), QStringLiteral("n")});
    parser.addOption({{QStringLiteral("f"), QStringLiteral("follow")}, QStringLiteral("keep printing new output")});
    const auto space = findSpaceArgument(context, parser, arguments, QStringLiteral("logs"));
    if (!space) {
        return context.exitCode();
    }
    LogOptions options;
    options.follow = parser.isSet(QStringLiteral("follow"));
    if (parser.isSet(QStringLiteral("tail"))) {
        bool ok = false;
        options.tail = parser.value(QStringLiteral("tail")).toInt(&ok);
        if (!ok || options.tail < 0) {
            return context.fail(Error::invalid(
                QStringLiteral("--tail '%1': expected a number of lines").arg(parser.value(QStringLiteral("tail")))));
        }
    }
    if (space->containerId.isEmpty()) {
        return context.fail(Error::conflict(QStringLiteral("Space '%1' has no container (it is %2): start it first")
                                                .arg(space->name, toText(space->state))));
    }
    auto engines = context.engines();
    auto service = context.spaces();
    QObject* owner = *service;
    const QString containerId = space->containerId;
    onFinished((*engines)->clientFor(space->engineId),
               owner,
               [&context, owner, containerId, options](const Result<EngineClient*>& client) {
                   if (!client) {
                       context.finish(context.fail(client.error()));
                       return;
                   }
                   EngineJob* job = (*client)->containerLogs(containerId, options, owner);
                   QObject::connect(job, &EngineJob::output, owner, [](const QByteArray& data, bool standardError) {
                       std::FILE* stream = standardError ? stderr : stdout;
                       std::fwrite(data.constData(), 1, size_t(data.size()), stream);
                       std::fflush(stream);
                   });
                   QObject::connect(job, &EngineJob::finished, owner, [&context, job]() {
                       job->deleteLater();
                       context.finish(job->result() ? CliContext::Success : context.fail(job->result().error()));
                   });
               });
    return CliContext::Pending;
}

} // namespace

std::optional<Space>
findSpaceArgument(CliContext& context, QCommandLineParser& parser, const QStringList& arguments, const QString& command)
{
    parser.addPositionalArgument(QStringLiteral("space"), QStringLiteral("space name or id"));
    return context.findNamed<Space>(parser,
                                    arguments,
                                    QStringLiteral("space %1 needs a space name").arg(command),
                                    [&context](Database&, const QString& name) -> Result<Space> {
                                        auto service = context.spaces();
                                        if (!service) {
                                            return service.error();
                                        }
                                        return (*service)->find(name);
                                    });
}

QList<Command> spaceCommands()
{
    return {
        makeCommand("space", "list", "", "list spaces and their states", listSpaces),
        makeCommand("space", "show", "SPACE", "show a space", showSpace),
        makeCommand("space",
                    "create",
                    "NAME --template T [--description D] [--icon I] [--shell S] [--alt-name N=PORT]... "
                    "[--field K=V]... [--start]",
                    "create a space from a template",
                    createSpace),
        makeCommand("space", "start", "SPACE", "start a space and wait until it runs", startSpace),
        makeCommand("space", "stop", "SPACE", "stop a space", stopSpace),
        makeCommand("space", "restart", "SPACE", "stop and start a space", restartSpace),
        makeCommand("space",
                    "edit",
                    "SPACE [--name N] [--description D] [--icon I] [--shell S] [--alt-name N=PORT]... [--field K=V]...",
                    "change a space (container changes apply at the next start)",
                    editSpace),
        makeCommand(
            "space", "delete", "SPACE [--yes]", "delete a stopped space, its container and volumes", deleteSpace),
        makeCommand("space", "logs", "SPACE [--tail N] [--follow]", "print the space's container output", spaceLogs),
    };
}

} // namespace Knot
