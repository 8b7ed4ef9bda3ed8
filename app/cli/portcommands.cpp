#include "portcommands.h"

#include "clicontext.h"
#include "spacecommands.h"
#include "tableprinter.h"

#include "core/engine/engineclient.h"
#include "core/forward/portentry.h"
#include "core/forward/portforwarder.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/space/runningspace.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/templatestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Knot {

namespace {

void printPorts(CliContext& context, const QList<PortEntry>& entries)
{
    if (context.json()) {
        QJsonArray array;
        for (const PortEntry& entry : entries) {
            array.append(QJsonObject {{QStringLiteral("port"), entry.port},
                                      {QStringLiteral("name"), entry.name},
                                      {QStringLiteral("protocol"), toText(entry.protocol)},
                                      {QStringLiteral("listening"), entry.listening},
                                      {QStringLiteral("address"), entry.address()}});
        }
        context.printJson(array);
        return;
    }
    TablePrinter table({QStringLiteral("PORT"),
                        QStringLiteral("NAME"),
                        QStringLiteral("PROTOCOL"),
                        QStringLiteral("LISTENING"),
                        QStringLiteral("PUBLISHED AT")});
    const QString none = QStringLiteral("-");
    for (const PortEntry& entry : entries) {
        table.addRow({QString::number(entry.port),
                      entry.name.isEmpty() ? none : entry.name,
                      toText(entry.protocol),
                      entry.listening ? QStringLiteral("yes") : QStringLiteral("no"),
                      entry.isPublished() ? entry.address() : none});
    }
    table.print(context.out());
}

// The running space named on the command line, then `then(running, owner)` on the event loop.
int withRunningSpace(CliContext& context,
                     const Space& space,
                     const std::function<void(const RunningSpace&, QObject* owner)>& then)
{
    auto engines = context.engines();
    auto service = context.spaces();
    if (!engines || !service) {
        return context.fail(!engines ? engines.error() : service.error());
    }
    QObject* owner = *service;
    onFinished(RunningSpace::find(**service, **engines, space.id, owner),
               owner,
               [&context, owner, then](const Result<RunningSpace>& running) {
                   if (!running || !running->engine) {
                       context.finish(context.fail(running ? Error::cancelled() : running.error()));
                       return;
                   }
                   then(*running, owner);
               });
    return CliContext::Pending;
}

int spacePorts(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const auto space = findSpaceArgument(context, parser, arguments, QStringLiteral("ports"));
    if (!space) {
        return context.exitCode();
    }
    Template tmpl;
    if (auto stored = TemplateStore(**context.database()).get(space->templateId)) {
        tmpl = std::move(*stored);
    }
    return withRunningSpace(context, *space, [&context, tmpl](const RunningSpace& running, QObject* owner) {
        auto* forwarder = new PortForwarder(owner);
        onFinished(forwarder->listListeningPorts(running.engine, running.container.id),
                   owner,
                   [&context, tmpl, container = running.container, here = running.engine->endpoint().isLocal()](
                       const Result<QList<ListeningPort>>& listening) {
                       if (!listening) {
                           context.finish(context.fail(listening.error()));
                           return;
                       }
                       printPorts(context, PortEntry::merge(tmpl, container, ListeningPort::numbers(*listening), here));
                       context.finish(CliContext::Success);
                   });
    });
}

int forwardPort(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("space"), QStringLiteral("space name or id"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("the port inside the space"));
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return context.usage(QStringLiteral("space forward needs a space name and a port number"));
    }
    bool ok = false;
    const int port = positional.at(1).toInt(&ok);
    if (!ok || port < 1 || port > 65535) {
        return context.usage(QStringLiteral("'%1' is not a port number (1-65535)").arg(positional.at(1)));
    }
    auto service = context.spaces();
    if (!service) {
        return context.fail(service.error());
    }
    const auto space = (*service)->find(positional.at(0));
    if (!space) {
        return context.fail(space.error());
    }
    return withRunningSpace(context, *space, [&context, port](const RunningSpace& running, QObject* owner) {
        auto* forwarder = new PortForwarder(owner);
        const Result<quint16> local =
            forwarder->forward(running.engine, running.container.id, port, running.space.name);
        if (!local) {
            context.finish(context.fail(local.error()));
            return;
        }
        QObject::connect(forwarder,
                         &PortForwarder::connectionFailed,
                         owner,
                         [&context](const QString&, int, const QString& message) {
                             context.err() << "knot-cli: " << message << '\n';
                             context.err().flush();
                         });
        QObject::connect(
            forwarder, &PortForwarder::forwardStopped, owner, [&context](const QString&, int, const QString& message) {
                context.finish(message.isEmpty() ? CliContext::Success : context.fail(Error::conflict(message)));
            });
        if (context.json()) {
            // One line, so a script can read it while the forward keeps running.
            const QJsonObject started {{QStringLiteral("space"), running.space.name},
                                       {QStringLiteral("port"), port},
                                       {QStringLiteral("localPort"), int(*local)},
                                       {QStringLiteral("address"), QStringLiteral("127.0.0.1")}};
            context.out() << QJsonDocument(started).toJson(QJsonDocument::Compact) << '\n';
        } else {
            context.out() << "Forwarding 127.0.0.1:" << *local << " to port " << port << " in " << running.space.name
                          << " (Ctrl+C stops)\n";
        }
        context.out().flush();
    });
}

} // namespace

QList<Command> portCommands()
{
    return {
        makeCommand("space",
                    "ports",
                    "SPACE",
                    "list a running space's ports: declared, listening inside, published",
                    spacePorts),
        makeCommand("space",
                    "forward",
                    "SPACE PORT",
                    "forward a local port to a port inside the space until stopped",
                    forwardPort),
    };
}

} // namespace Knot
