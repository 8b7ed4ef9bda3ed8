#include "core/space/enginemanager.h"

#include "core/engine/dockerclient.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"

#include <QFuture>
#include <QPromise>

#include <memory>

namespace Knot {

EngineManager::EngineManager(Database& db, ClientFactory factory, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_factory(std::move(factory))
    , m_probe(EngineLocator::pingProbe())
    , m_environment(EngineLocator::Environment::fromSystem())
    , m_embeddedOptions(EmbeddedPodman::Options {})
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
    const QString chosen = !m_defaultOverride.isEmpty() ? m_defaultOverride
                           : registered->has_value()    ? (*registered)->endpoint
                                                        : QString();
    if (!chosen.isEmpty()) {
        auto client = clientForEndpoint(chosen);
        if (client) {
            m_default = *client;
            setStatus(DefaultEngineStatus::Ready, chosen);
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
    QStringList endpoints;
    for (const auto& candidate : EngineLocator({}, EngineLocator::Environment::fromSystem()).candidates()) {
        endpoints << candidate.endpoint;
    }
    return endpoints;
}

void EngineManager::setLocator(EngineLocator::Probe probe, EngineLocator::Environment environment)
{
    m_probe = std::move(probe);
    m_environment = std::move(environment);
}

void EngineManager::setEmbeddedPodman(std::optional<EmbeddedPodman::Options> options)
{
    m_embeddedOptions = std::move(options);
}

void EngineManager::setDefaultOverride(const QString& endpoint)
{
    m_defaultOverride = endpoint;
    m_default = nullptr;
}

void EngineManager::shutdown()
{
    if (m_embedded) {
        m_embedded->stop();
    }
}

void EngineManager::setStatus(DefaultEngineStatus status, const QString& detail)
{
    if (m_status == status && m_statusDetail == detail) {
        return;
    }
    m_status = status;
    m_statusDetail = detail;
    Q_EMIT defaultEngineStatusChanged(status, detail);
}

void EngineManager::settleDefault(const Result<EngineClient*>& result)
{
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& promise : waiting) {
        promise->addResult(result);
        promise->finish();
    }
}

// All candidates are probed at once (EngineLocator); the first in the DESIGN order that answers
// wins. Callers arriving during a search share it, so the embedded engine starts only once.
QFuture<Result<EngineClient*>> EngineManager::locateDefault()
{
    auto promise = std::make_shared<QPromise<Result<EngineClient*>>>();
    promise->start();
    m_waiting << promise;
    if (m_waiting.size() > 1) {
        return promise->future();
    }
    setStatus(DefaultEngineStatus::Locating);
    auto* locator = new EngineLocator(m_probe, m_environment, this);
    locator->locate().then(this, [this, locator](const std::optional<EngineCandidate>& found) {
        locator->deleteLater();
        if (!found) {
            startEmbedded();
            return;
        }
        const auto client = clientForEndpoint(found->endpoint);
        if (client) {
            m_default = *client;
            setStatus(DefaultEngineStatus::Ready, found->endpoint);
        } else {
            setStatus(DefaultEngineStatus::None, client.error().message);
        }
        settleDefault(client);
    });
    return promise->future();
}

void EngineManager::startEmbedded()
{
    const auto none = [this](const QString& reason) {
        setStatus(DefaultEngineStatus::None, reason);
        settleDefault(Error {Error::Kind::Unreachable, reason, {}});
    };
    const QString notFound = tr("No container engine found: register one with 'engine add' or start Docker or Podman");
    if (!m_embeddedOptions) {
        return none(notFound);
    }
    if (!EmbeddedPodman::isAvailable(m_embeddedOptions->program)) {
        return none(notFound + tr(" (Podman is not installed, so none could be started)"));
    }
    if (!m_embedded) {
        m_embedded = new EmbeddedPodman(m_probe, *m_embeddedOptions, this);
        connect(m_embedded, &EmbeddedPodman::stateChanged, this, &EngineManager::onEmbeddedState);
    }
    setStatus(DefaultEngineStatus::StartingEmbedded);
    m_embedded->start();
}

void EngineManager::onEmbeddedState(EmbeddedPodman::State state)
{
    const bool wasDefault = m_default && m_default->endpoint().toString() == m_embedded->endpoint();
    switch (state) {
    case EmbeddedPodman::State::Running: {
        const auto client = clientForEndpoint(m_embedded->endpoint());
        if (client) {
            m_default = *client;
            setStatus(DefaultEngineStatus::Ready, m_embedded->endpoint());
        } else {
            setStatus(DefaultEngineStatus::None, client.error().message);
        }
        settleDefault(client);
        break;
    }
    case EmbeddedPodman::State::Failed: {
        // The next request for the default engine searches (and starts Podman) again.
        if (wasDefault) {
            m_default = nullptr;
        }
        const QString reason =
            tr("No container engine answered and the embedded Podman failed: %1").arg(m_embedded->errorString());
        setStatus(DefaultEngineStatus::None, reason);
        settleDefault(Error {Error::Kind::Unreachable, reason, {}});
        break;
    }
    case EmbeddedPodman::State::Stopped:
        if (wasDefault) {
            m_default = nullptr;
            setStatus(DefaultEngineStatus::None, tr("The embedded Podman was stopped"));
        }
        break;
    case EmbeddedPodman::State::Starting:
    case EmbeddedPodman::State::Stopping:
        break;
    }
}

} // namespace Knot
