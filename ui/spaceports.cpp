#include "ui/spaceports.h"

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

// Where a published port answers from here: a wildcard host address means this machine.
QString hostFor(const ContainerPort& published)
{
    const bool wildcard = published.hostIp.isEmpty() || published.hostIp == u"0.0.0.0" || published.hostIp == u"::";
    return wildcard ? QStringLiteral("127.0.0.1") : published.hostIp;
}

} // namespace

QString PortEntry::address() const
{
    if (!isPublished()) {
        return {};
    }
    const QString where = QStringLiteral("%1:%2").arg(hostAddress).arg(hostPort);
    if (!isWeb()) {
        return where;
    }
    return QStringLiteral("%1://%2/").arg(protocol == PortProtocol::Https ? u"https" : u"http", where);
}

QString PortEntry::label() const
{
    const QString number = QStringLiteral("%1/%2").arg(port).arg(toText(protocol));
    return name.isEmpty() ? number : QStringLiteral("%1 (%2)").arg(name, number);
}

SpacePorts::SpacePorts(Database& db, SpaceService& spaces, EngineManager& engines, QObject* parent)
    : QObject(parent), m_db(db), m_spaces(spaces), m_engines(engines)
{ }

QList<PortEntry> SpacePorts::merge(const Template& tmpl, const ContainerInfo& container)
{
    QList<PortEntry> entries;
    for (const TemplatePort& declared : tmpl.ports) {
        entries.append({declared.name, declared.port, declared.protocol, 0, {}});
    }
    for (const ContainerPort& published : container.ports) {
        if (published.protocol == u"udp" || published.containerPort <= 0) {
            continue; // nothing a browser or a TCP client can open
        }
        auto entry = std::find_if(
            entries.begin(), entries.end(), [&](const PortEntry& e) { return e.port == published.containerPort; });
        if (entry == entries.end()) {
            // Found only on the container: most likely a web server.
            entries.append({{}, published.containerPort, PortProtocol::Http, 0, {}});
            entry = entries.end() - 1;
        }
        if (published.hostPort > 0 && !entry->isPublished()) {
            entry->hostPort = published.hostPort;
            entry->hostAddress = hostFor(published);
        }
    }
    return entries;
}

QFuture<Result<QList<PortEntry>>> SpacePorts::list(const QString& spaceId)
{
    auto promise = std::make_shared<QPromise<Result<QList<PortEntry>>>>();
    promise->start();
    onFinished(RunningSpace::find(m_spaces, m_engines, spaceId, this),
               this,
               [this, promise](const Result<RunningSpace>& running) {
                   const Result<Template> tmpl =
                       running ? TemplateStore(m_db).get(running->space.templateId) : Result<Template>(running.error());
                   promise->addResult(tmpl ? Result<QList<PortEntry>>(merge(*tmpl, running->container))
                                           : Result<QList<PortEntry>>(tmpl.error()));
                   promise->finish();
               });
    return promise->future();
}

QString SpacePorts::unreachableReason(const PortEntry& entry)
{
    if (entry.isPublished()) {
        return {};
    }
    return tr("Port %1 is not published by the engine. Publish it in the template's container spec "
              "(ports: [\"HOST_PORT:%1\"]) to reach it from here.")
        .arg(entry.port);
}

void SpacePorts::open(const PortEntry& entry)
{
    if (const QString reason = unreachableReason(entry); !reason.isEmpty()) {
        Q_EMIT failed(reason);
        return;
    }
    const QUrl url(entry.address());
    if (!entry.isWeb() || !QDesktopServices::openUrl(url)) {
        Q_EMIT failed(tr("Could not open %1 in the browser.").arg(entry.address()));
        return;
    }
    Q_EMIT opened(url);
}

void SpacePorts::copy(const PortEntry& entry)
{
    if (const QString reason = unreachableReason(entry); !reason.isEmpty()) {
        Q_EMIT failed(reason);
        return;
    }
    QGuiApplication::clipboard()->setText(entry.address());
    Q_EMIT copied(entry.address());
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
            const QList<PortEntry> entries = merge(codeServer, running->container);
            const PortEntry entry = entries.first();
            if (!entry.isPublished()) {
                Q_EMIT failed(
                    tr("Cannot open Code Server of %1: %2").arg(running->space.name, unreachableReason(entry)));
                return;
            }
            open(entry);
        });
}

} // namespace Knot
