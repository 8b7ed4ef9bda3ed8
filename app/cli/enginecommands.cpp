#include "enginecommands.h"

#include "clicontext.h"
#include "tableprinter.h"

#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Knot {

namespace {

QString kindText(EngineRecord::Kind kind)
{
    switch (kind) {
    case EngineRecord::Kind::Docker:
        return QStringLiteral("docker");
    case EngineRecord::Kind::Podman:
        return QStringLiteral("podman");
    case EngineRecord::Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QJsonObject toJson(const EngineRecord& engine)
{
    return QJsonObject {{QStringLiteral("id"), engine.id},
                        {QStringLiteral("name"), engine.name},
                        {QStringLiteral("endpoint"), engine.endpoint},
                        {QStringLiteral("kind"), kindText(engine.kind)},
                        {QStringLiteral("default"), engine.isDefault}};
}

// A registered engine named by name or id.
Result<EngineRecord> findEngine(Database& db, const QString& nameOrId)
{
    const auto engines = EngineStore(db).list();
    if (!engines) {
        return engines.error();
    }
    for (const auto& engine : *engines) {
        if (engine.id == nameOrId || engine.name.compare(nameOrId, Qt::CaseInsensitive) == 0) {
            return engine;
        }
    }
    return Error::notFound(QStringLiteral("No engine named '%1'").arg(nameOrId));
}

// Pings the engine, then asks its version: the two things `engine add` and `engine test` need.
void probe(EngineClient* client, QObject* context, std::function<void(const Result<EngineVersion>&)> then)
{
    onFinished(client->ping(), context, [client, context, then](const VoidResult& pinged) {
        if (!pinged) {
            then(pinged.error());
            return;
        }
        onFinished(client->version(), context, then);
    });
}

Error unreachable(const QString& endpoint, const Error& error)
{
    return {error.kind == Error::Kind::Engine ? Error::Kind::Engine : Error::Kind::Unreachable,
            QStringLiteral("The engine at %1 did not answer: %2").arg(endpoint, error.message),
            error.detail};
}

int listEngines(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    auto db = context.database();
    if (!db) {
        return context.fail(db.error());
    }
    const auto engines = EngineStore(**db).list();
    if (!engines) {
        return context.fail(engines.error());
    }
    if (context.json()) {
        QJsonArray rows;
        for (const auto& engine : *engines) {
            rows.append(toJson(engine));
        }
        context.printJson(rows);
        return CliContext::Success;
    }
    TablePrinter table(
        {QStringLiteral("NAME"), QStringLiteral("KIND"), QStringLiteral("DEFAULT"), QStringLiteral("ENDPOINT")});
    for (const auto& engine : *engines) {
        table.addRow({engine.name,
                      kindText(engine.kind),
                      engine.isDefault ? QStringLiteral("yes") : QString(),
                      engine.endpoint});
    }
    table.print(context.out());
    return CliContext::Success;
}

int addEngine(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("a name for the engine"));
    parser.addPositionalArgument(
        QStringLiteral("endpoint"),
        QStringLiteral("unix:///path.sock, tcp://host:port or ssh://[user@]host[:port][/path.sock]"));
    parser.addOption({QStringLiteral("default"), QStringLiteral("make it the default engine")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    if (parser.positionalArguments().size() != 2) {
        return context.usage(QStringLiteral("engine add needs NAME and ENDPOINT"));
    }
    EngineRecord record;
    record.name = parser.positionalArguments().at(0);
    const QString endpoint = parser.positionalArguments().at(1);
    if (const auto parsed = EngineEndpoint::parse(endpoint); !parsed) {
        return context.fail(Error::invalid(QStringLiteral("ENDPOINT '%1': %2").arg(endpoint, parsed.error().message)));
    } else {
        record.endpoint = parsed->toString();
    }
    record.isDefault = parser.isSet(QStringLiteral("default"));
    auto engines = context.engines();
    if (!engines) {
        return context.fail(engines.error());
    }
    if (const auto taken = findEngine(*context.database().value(), record.name); taken) {
        return context.fail(Error::conflict(QStringLiteral("An engine named '%1' exists").arg(record.name)));
    }
    const auto client = (*engines)->clientForEndpoint(record.endpoint);
    if (!client) {
        return context.fail(client.error());
    }
    // Only an engine that answers is registered, with the kind it reports.
    probe(*client, *engines, [&context, record](const Result<EngineVersion>& version) mutable {
        if (!version) {
            context.finish(context.fail(unreachable(record.endpoint, version.error())));
            return;
        }
        record.kind = version->kind;
        const auto added = EngineStore(*context.database().value()).add(record);
        if (!added) {
            context.finish(context.fail(added.error()));
            return;
        }
        if (context.json()) {
            context.printJson(toJson(*added));
        } else {
            context.out() << "Added engine " << added->name << " (" << kindText(added->kind) << ' '
                          << version->productVersion << ')' << (added->isDefault ? ", the default" : "") << '\n';
        }
        context.finish(CliContext::Success);
    });
    return CliContext::Pending;
}

int removeEngine(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("engine"), QStringLiteral("engine name or id"));
    const auto engine =
        context.findNamed<EngineRecord>(parser, arguments, QStringLiteral("engine remove needs NAME"), findEngine);
    if (!engine) {
        return context.exitCode();
    }
    const auto removed = EngineStore(*context.database().value()).remove(engine->id);
    if (!removed) {
        return context.fail(removed.error());
    }
    if (!context.json()) {
        context.out() << "Removed engine " << engine->name << '\n';
    }
    return CliContext::Success;
}

int testEngine(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("engine"), QStringLiteral("engine name or id (default: the default)"));
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    if (parser.positionalArguments().size() > 1) {
        return context.usage(QStringLiteral("engine test takes at most one engine name"));
    }
    auto engines = context.engines();
    if (!engines) {
        return context.fail(engines.error());
    }
    QString engineId;
    if (!parser.positionalArguments().isEmpty()) {
        const auto engine = findEngine(*context.database().value(), parser.positionalArguments().first());
        if (!engine) {
            return context.fail(engine.error());
        }
        engineId = engine->id;
    }
    EngineManager* manager = *engines;
    onFinished(manager->clientFor(engineId), manager, [&context, manager](const Result<EngineClient*>& client) {
        if (!client) {
            context.finish(context.fail(client.error()));
            return;
        }
        const QString endpoint = (*client)->endpoint().toString();
        probe(*client, manager, [&context, endpoint](const Result<EngineVersion>& version) {
            if (!version) {
                context.finish(context.fail(unreachable(endpoint, version.error())));
                return;
            }
            if (context.json()) {
                context.printJson(QJsonObject {{QStringLiteral("endpoint"), endpoint},
                                               {QStringLiteral("kind"), kindText(version->kind)},
                                               {QStringLiteral("version"), version->productVersion},
                                               {QStringLiteral("api_version"), version->apiVersion},
                                               {QStringLiteral("server_api_version"), version->serverApiVersion}});
            } else {
                context.out() << "endpoint:     " << endpoint << '\n'
                              << "kind:         " << kindText(version->kind) << '\n'
                              << "version:      " << version->productVersion << '\n'
                              << "API version:  " << version->apiVersion << " (server " << version->serverApiVersion
                              << ")\n";
            }
            context.finish(CliContext::Success);
        });
    });
    return CliContext::Pending;
}

} // namespace

QList<Command> engineCommands()
{
    return {
        makeCommand("engine", "list", "", "list registered engines", listEngines),
        makeCommand("engine", "add", "NAME ENDPOINT [--default]", "register an engine that answers", addEngine),
        makeCommand("engine", "remove", "ENGINE", "unregister an engine no space uses", removeEngine),
        makeCommand("engine", "test", "[ENGINE]", "ping an engine; print its kind and versions", testEngine),
    };
}

} // namespace Knot
