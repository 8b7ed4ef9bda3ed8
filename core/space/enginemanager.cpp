#include "core/space/enginemanager.h"

#include "core/engine/dockerclient.h"
#include "core/space/futurecallback.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"

#include <QDir>
#include <QFileInfo>
#include <QFuture>
#include <QPromise>

#include <memory>

namespace Knot {

EngineManager::EngineManager(Database& db, ClientFactory factory, QObject* parent)
    : QObject(parent), m_db(db), m_factory(std::move(factory))
{
    if (!m_factory) {
        m_factory = [](const EngineEndpoint& endpoint, QObject* owner) -> EngineClient* {
            return new DockerClient(endpoint, owner);
        };
    }
}

EngineManager::~EngineManager() = default;

Result<EngineClient*> EngineManager::clientForEndpoint(const QString& endpoint)
{
    const auto parsed = EngineEndpoint::parse(endpoint);
    if (!parsed) {
        return parsed.error();
    }
    const QString key = parsed->toString();
    if (auto* existing = m_clients.value(key)) {
        return existing;
    }
    EngineClient* client = m_factory(*parsed, this);
    m_clients.insert(key, client);
    Q_EMIT clientAdded(client);
    return client;
}

QFuture<Result<EngineClient*>> EngineManager::clientFor(const QString& engineId)
{
    EngineStore engines(m_db);
    if (!engineId.isEmpty()) {
        const auto engine = engines.get(engineId);
        if (!engine) {
            return QtFuture::makeReadyFuture(Result<EngineClient*>(engine.error()));
        }
        return QtFuture::makeReadyFuture(clientForEndpoint(engine->endpoint));
    }
    const auto registered = engines.defaultEngine();
    if (!registered) {
        return QtFuture::makeReadyFuture(Result<EngineClient*>(registered.error()));
    }
    if (registered->has_value()) {
        auto client = clientForEndpoint((*registered)->endpoint);
        if (client) {
            m_default = *client;
        }
        return QtFuture::makeReadyFuture(client);
    }
    if (m_default) {
        return QtFuture::makeReadyFuture(Result<EngineClient*>(m_default));
    }
    return locateDefault();
}

bool EngineManager::serves(EngineClient* client, const QString& engineId) const
{
    if (engineId.isEmpty()) {
        return client == m_default;
    }
    const auto engine = EngineStore(m_db).get(engineId);
    if (!engine) {
        return false;
    }
    const auto endpoint = EngineEndpoint::parse(engine->endpoint);
    return endpoint && m_clients.value(endpoint->toString()) == client;
}

QStringList EngineManager::defaultCandidates()
{
    QStringList candidates;
    const QString dockerHost = qEnvironmentVariable("DOCKER_HOST");
    if (!dockerHost.isEmpty()) {
        candidates << dockerHost;
    }
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    candidates << QStringLiteral("unix:///var/run/docker.sock");
    if (!runtimeDir.isEmpty()) {
        candidates << QStringLiteral("unix://%1/docker.sock").arg(runtimeDir)
                   << QStringLiteral("unix://%1/podman/podman.sock").arg(runtimeDir);
    }
    candidates << QStringLiteral("unix:///run/podman/podman.sock");
    return candidates;
}

// Tries the candidates one after the other with a ping; the first that answers wins.
QFuture<Result<EngineClient*>> EngineManager::locateDefault()
{
    auto promise = std::make_shared<QPromise<Result<EngineClient*>>>();
    promise->start();
    auto candidates = std::make_shared<QStringList>();
    for (const auto& candidate : defaultCandidates()) {
        const auto endpoint = EngineEndpoint::parse(candidate);
        // A missing socket file cannot answer: skip it without making a client.
        if (endpoint && (endpoint->transport != EngineEndpoint::Transport::Unix || QFileInfo::exists(endpoint->path))) {
            *candidates << candidate;
        }
    }
    auto tryNext = std::make_shared<std::function<void()>>();
    *tryNext = [this, promise, candidates, tryNext]() {
        if (candidates->isEmpty()) {
            promise->addResult(Error {Error::Kind::Unreachable,
                                      QStringLiteral("No container engine found: register one with 'engine add' "
                                                     "or start Docker or Podman"),
                                      {}});
            promise->finish();
            *tryNext = nullptr; // breaks the self-reference
            return;
        }
        const auto client = clientForEndpoint(candidates->takeFirst());
        if (!client) {
            (*tryNext)();
            return;
        }
        onFinished(client.value()->ping(), this, [this, promise, client, tryNext](VoidResult pinged) {
            if (pinged) {
                m_default = client.value();
                promise->addResult(client.value());
                promise->finish();
                *tryNext = nullptr;
            } else {
                (*tryNext)();
            }
        });
    };
    (*tryNext)();
    return promise->future();
}

} // namespace Knot
