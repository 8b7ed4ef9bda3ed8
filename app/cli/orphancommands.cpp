#include "orphancommands.h"

#include "clicontext.h"
#include "tableprinter.h"

#include "core/engine/engineclient.h"
#include "core/space/futurecallback.h"
#include "core/space/reconciler.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace Knot {

namespace {

QString kindText(Orphan::Kind kind)
{
    return kind == Orphan::Kind::Container ? QStringLiteral("container") : QStringLiteral("volume");
}

QString endpointOf(const Orphan& orphan)
{
    return orphan.engine ? orphan.engine->endpoint().toString() : QString();
}

void printOrphans(CliContext& context, const QList<Orphan>& orphans)
{
    if (context.json()) {
        QJsonArray rows;
        for (const auto& orphan : orphans) {
            rows.append(QJsonObject {{QStringLiteral("kind"), kindText(orphan.kind)},
                                     {QStringLiteral("id"), orphan.id},
                                     {QStringLiteral("name"), orphan.name},
                                     {QStringLiteral("space_id"), orphan.spaceId},
                                     {QStringLiteral("engine"), endpointOf(orphan)}});
        }
        context.printJson(rows);
        return;
    }
    if (orphans.isEmpty()) {
        context.out() << "No orphans.\n";
        return;
    }
    TablePrinter table({QStringLiteral("KIND"),
                        QStringLiteral("ID"),
                        QStringLiteral("NAME"),
                        QStringLiteral("SPACE ID"),
                        QStringLiteral("ENGINE")});
    for (const auto& orphan : orphans) {
        table.addRow({kindText(orphan.kind),
                      orphan.kind == Orphan::Kind::Container ? orphan.id.left(12) : orphan.id,
                      orphan.name,
                      orphan.spaceId,
                      endpointOf(orphan)});
    }
    table.print(context.out());
}

// Removes the orphans one after the other, then ends the command.
void removeAll(CliContext& context, Reconciler* reconciler, std::shared_ptr<QList<Orphan>> pending, int failures)
{
    if (pending->isEmpty()) {
        context.finish(failures == 0 ? CliContext::Success : CliContext::EngineError);
        return;
    }
    const Orphan orphan = pending->takeFirst();
    onFinished(reconciler->removeOrphan(orphan),
               reconciler,
               [&context, reconciler, pending, failures, orphan](const VoidResult& removed) {
                   if (removed) {
                       if (!context.json()) {
                           context.out() << "Removed " << kindText(orphan.kind) << ' ' << orphan.name << '\n';
                       }
                   } else {
                       context.fail(removed.error());
                   }
                   removeAll(context, reconciler, pending, failures + (removed ? 0 : 1));
               });
}

int orphans(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("remove"),
                      QStringLiteral("remove one orphan (container id, its prefix, or name)"),
                      QStringLiteral("id")});
    parser.addOption({QStringLiteral("remove-all"), QStringLiteral("remove every orphan")});
    if (!context.parse(parser, arguments)) {
        return context.exitCode();
    }
    if (!parser.positionalArguments().isEmpty()
        || (parser.isSet(QStringLiteral("remove")) && parser.isSet(QStringLiteral("remove-all")))) {
        return context.usage(QStringLiteral("orphans takes --remove ID or --remove-all"));
    }
    auto reconcilerResult = context.reconciler();
    if (!reconcilerResult) {
        return context.fail(reconcilerResult.error());
    }
    Reconciler* reconciler = *reconcilerResult;
    const QString wanted = parser.value(QStringLiteral("remove"));
    const bool all = parser.isSet(QStringLiteral("remove-all"));
    onFinished(reconciler->reconcileAll(),
               reconciler,
               [&context, reconciler, wanted, all](const Result<QList<Orphan>>& found) {
                   if (!found) {
                       context.finish(context.fail(found.error()));
                       return;
                   }
                   if (all) {
                       removeAll(context, reconciler, std::make_shared<QList<Orphan>>(*found), 0);
                       return;
                   }
                   if (wanted.isEmpty()) {
                       printOrphans(context, *found);
                       context.finish(CliContext::Success);
                       return;
                   }
                   auto chosen = std::make_shared<QList<Orphan>>();
                   for (const auto& orphan : *found) {
                       const bool idMatches =
                           orphan.kind == Orphan::Kind::Container && wanted.size() >= 4 && orphan.id.startsWith(wanted);
                       if (idMatches || orphan.id == wanted || orphan.name == wanted) {
                           chosen->append(orphan);
                       }
                   }
                   if (chosen->size() != 1) {
                       context.finish(context.fail(
                           chosen->isEmpty()
                               ? Error::notFound(QStringLiteral("--remove '%1': no such orphan").arg(wanted))
                               : Error::invalid(QStringLiteral("--remove '%1' matches %2 orphans: give more of the id")
                                                    .arg(wanted)
                                                    .arg(chosen->size()))));
                       return;
                   }
                   removeAll(context, reconciler, chosen, 0);
               });
    return CliContext::Pending;
}

} // namespace

QList<Command> orphanCommands()
{
    // A command without a subcommand: `knot-cli orphans`.
    return {makeCommand(
        "orphans", "", "[--remove ID | --remove-all]", "list (or remove) engine objects of deleted spaces", orphans)};
}

} // namespace Knot
