#pragma once

#include "core/engine/embeddedpodman.h"
#include "core/engine/engineendpoint.h"
#include "core/engine/enginelocator.h"
#include "core/model/enginerecord.h"
#include "core/result.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPromise>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Knot {

class Database;
class EngineClient;

// Which engine a space runs on, and one client per engine endpoint, shared by the lifecycle
// service, the reconciler, the UI and the command-line tool.
//
// A space with an engine id uses that registered engine; otherwise the default: the registered
// default engine, else the first answering candidate of the DESIGN order (EngineLocator:
// $DOCKER_HOST, the Docker socket, the Podman sockets), else, when `podman` is installed, the
// embedded engine: `podman system service` on a private socket, a child process stopped on exit.
class EngineManager : public QObject
{
    Q_OBJECT

public:
    using ClientFactory = std::function<EngineClient*(const EngineEndpoint& endpoint, QObject* parent)>;

    // Where the search for the default engine stands, for the status bar.
    enum class DefaultEngineStatus
    {
        Unknown,          // not asked for yet
        Locating,         // probing the candidates
        StartingEmbedded, // none answered: the embedded Podman is starting
        Ready,            // defaultEngineDetail() is the endpoint
        None,             // no engine: defaultEngineDetail() says why
    };
    Q_ENUM(DefaultEngineStatus)

    // `factory` makes the client for an endpoint (tests pass a fake); the default makes DockerClients.
    explicit EngineManager(Database& db, ClientFactory factory = {}, QObject* parent = nullptr);
    ~EngineManager() override;

    // The client for a registered engine (empty id: the default engine).
    QFuture<Result<EngineClient*>> clientFor(const QString& engineId);
    QFuture<Result<EngineClient*>> defaultClient() { return clientFor({}); }
    // The client for an endpoint, made on first use.
    Result<EngineClient*> clientForEndpoint(const QString& endpoint);

    // Whether `client` serves spaces with this engine id (empty: the default engine, once located).
    bool serves(EngineClient* client, const QString& engineId) const;

    // Every client made so far.
    QList<EngineClient*> clients() const { return m_clients.values(); }

    // Candidate endpoints for the default engine when none is registered, in the DESIGN order.
    static QStringList defaultCandidates();

    // How the default engine is searched for (tests inject a fake probe and environment).
    void setLocator(EngineLocator::Probe probe, EngineLocator::Environment environment);
    // How the embedded Podman is run; nullopt: never start one (the command-line tool may prefer
    // that). Default: the user's `podman` with its own configuration.
    void setEmbeddedPodman(std::optional<EmbeddedPodman::Options> options);
    // Makes `endpoint` the default engine, ahead of the registered default and the search (the
    // command-line tool's --engine); empty restores the usual order.
    void setDefaultOverride(const QString& endpoint);

    DefaultEngineStatus defaultEngineStatus() const { return m_status; }
    // The endpoint when Ready, the reason when None, empty otherwise.
    QString defaultEngineDetail() const { return m_statusDetail; }
    // The embedded engine, while one was started (nullptr otherwise).
    EmbeddedPodman* embeddedPodman() const { return m_embedded; }
    // Stops the embedded engine gracefully (SIGTERM, then SIGKILL); the destructor only kills it.
    void shutdown();

Q_SIGNALS:
    // A client was made for a new endpoint (the reconciler watches its events).
    void clientAdded(Knot::EngineClient* client);
    void defaultEngineStatusChanged(Knot::EngineManager::DefaultEngineStatus status, const QString& detail);

private:
    using ClientPromise = std::shared_ptr<QPromise<Result<EngineClient*>>>;

    QFuture<Result<EngineClient*>> locateDefault();
    void startEmbedded();
    void onEmbeddedState(EmbeddedPodman::State state);
    // Settles every caller waiting for the default engine.
    void settleDefault(const Result<EngineClient*>& result);
    void setStatus(DefaultEngineStatus status, const QString& detail = {});

    Database& m_db;
    ClientFactory m_factory;
    QHash<QString, EngineClient*> m_clients; // by endpoint text
    EngineClient* m_default = nullptr;       // the default engine's client, once known
    QString m_defaultOverride;
    EngineLocator::Probe m_probe;
    EngineLocator::Environment m_environment;
    std::optional<EmbeddedPodman::Options> m_embeddedOptions;
    EmbeddedPodman* m_embedded = nullptr;
    QList<ClientPromise> m_waiting; // callers of a search in progress
    DefaultEngineStatus m_status = DefaultEngineStatus::Unknown;
    QString m_statusDetail;
};

} // namespace Knot
