#include "ui/spaceports.h"

#include "core/engine/engineclient.h"
#include "core/engine/enginetypes.h"
#include "core/space/futurecallback.h"
#include "core/space/runningspace.h"
#include "core/space/spaceservice.h"
#include "core/store/templatestore.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QPromise>

#include <memory>

namespace Knot {

namespace {

// What a remote engine publishes is on its machine, not here: go through the forward instead.
bool publishedHere(const RunningSpace& running)
{
    const EngineClient* engine = running.engine.data();
    return !engine || engine->endpoint().isLocal();
}

} // namespace

SpacePorts::SpacePorts(Database& db, SpaceService& spaces, EngineManager& engines, QObject* parent)
    : QObject(parent), m_db(db), m_spaces(spaces), m_engines(engines)
{ }

QFuture<Result<QList<PortEntry>>> SpacePorts::list(const QString& spaceId)
{
    auto promise = std::make_shared<QPromise<Result<QList<PortEntry>>>>();
    promise->start();
    onFinished(RunningSpace::find(m_spaces, m_engines, spaceId, this),
               this,
               [this, promise](const Result<RunningSpace>& running) {
                   if (!running || !m_listening) {
                       return finishList(promise, running, {});
                   }
                   // What listens is a bonus: without it the menu still has the declared ports.
                   onFinished(m_listening(*running), this, [this, promise, running](const Result<QList<int>>& ports) {
                       finishList(promise, running, ports.valueOr({}));
                   });
               });
    return promise->future();
}

void SpacePorts::finishList(const std::shared_ptr<QPromise<Result<QList<PortEntry>>>>& promise,
                            const Result<RunningSpace>& running,
                            const QList<int>& listening)
{
    const Result<Template> tmpl =
        running ? TemplateStore(m_db).get(running->space.templateId) : Result<Template>(running.error());
    if (!tmpl) {
        promise->addResult(tmpl.error());
    } else {
        QList<PortEntry> entries = PortEntry::merge(*tmpl, running->container, listening, publishedHere(*running));
        for (PortEntry& entry : entries) {
            entry.spaceId = running->space.id;
            entry.forwardable = bool(m_forwarder);
        }
        promise->addResult(entries);
    }
    promise->finish();
}

QString SpacePorts::unreachableReason(const PortEntry& entry)
{
    if (entry.isPublished() || entry.forwardable) {
        return {};
    }
    return tr("Port %1 is not published by the engine. Publish it in the template's container spec "
              "(ports: [\"HOST_PORT:%1\"]) to reach it from here.")
        .arg(entry.port);
}

void SpacePorts::reach(const PortEntry& entry, std::function<void(const PortEntry&)> done)
{
    if (entry.isPublished()) {
        return done(entry);
    }
    if (const QString reason = unreachableReason(entry); !reason.isEmpty() || !m_forwarder) {
        Q_EMIT failed(reason);
        return;
    }
    onFinished(RunningSpace::find(m_spaces, m_engines, entry.spaceId, this),
               this,
               [this, entry, done = std::move(done)](const Result<RunningSpace>& running) {
                   if (!running) {
                       Q_EMIT failed(tr("Cannot forward port %1: %2").arg(entry.port).arg(running.error().toString()));
                       return;
                   }
                   onFinished(m_forwarder(*running, entry.port), this, [this, entry, done](const Result<int>& local) {
                       if (!local) {
                           Q_EMIT failed(
                               tr("Cannot forward port %1: %2").arg(entry.port).arg(local.error().toString()));
                           return;
                       }
                       PortEntry forwarded = entry;
                       forwarded.hostAddress = QStringLiteral("127.0.0.1");
                       forwarded.hostPort = *local;
                       done(forwarded);
                   });
               });
}

void SpacePorts::open(const PortEntry& entry)
{
    if (!entry.isWeb()) {
        Q_EMIT failed(tr("%1 is not a web port: copy its address instead.").arg(entry.label()));
        return;
    }
    reach(entry, [this](const PortEntry& reached) {
        const QUrl url(reached.address());
        if (!QDesktopServices::openUrl(url)) {
            Q_EMIT failed(tr("Could not open %1 in the browser.").arg(reached.address()));
            return;
        }
        Q_EMIT opened(url);
    });
}

void SpacePorts::copy(const PortEntry& entry)
{
    reach(entry, [this](const PortEntry& reached) {
        QGuiApplication::clipboard()->setText(reached.address());
        Q_EMIT copied(reached.address());
    });
}

void SpacePorts::openCodeServer(const QString& spaceId)
{
    onFinished(
        RunningSpace::find(m_spaces, m_engines, spaceId, this), this, [this](const Result<RunningSpace>& running) {
            if (!running) {
                Q_EMIT failed(tr("Cannot open Code Server: %1").arg(running.error().toString()));
                return;
            }
            const Result<Template> tmpl = TemplateStore(m_db).get(running->space.templateId);
            if (!tmpl || !tmpl->features.codeServer) {
                Q_EMIT failed(tr("The template of %1 does not run Code Server.").arg(running->space.name));
                return;
            }
            Template codeServer;
            codeServer.ports = {{QStringLiteral("code-server"), tmpl->codeServerPort, PortProtocol::Http}};
            PortEntry entry = PortEntry::merge(codeServer, running->container, {}, publishedHere(*running)).first();
            entry.spaceId = running->space.id;
            entry.forwardable = bool(m_forwarder);
            if (const QString reason = unreachableReason(entry); !reason.isEmpty()) {
                Q_EMIT failed(tr("Cannot open Code Server of %1: %2").arg(running->space.name, reason));
                return;
            }
            open(entry);
        });
}

} // namespace Knot
