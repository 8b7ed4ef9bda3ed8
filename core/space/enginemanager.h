#pragma once

#include "core/engine/engineendpoint.h"
#include "core/model/enginerecord.h"
#include "core/result.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace Knot {

class Database;
class EngineClient;

// Which engine a space runs on, and one client per engine endpoint, shared by the lifecycle
// service, the reconciler, the UI and the command-line tool.
//
// A space with an engine id uses that registered engine; otherwise the default: the registered
// default engine, else the first answering candidate of the DESIGN order ($DOCKER_HOST, the
// Docker socket, the Podman sockets).
class EngineManager : public QObject
{
    Q_OBJECT

public:
    using ClientFactory = std::function<EngineClient*(const EngineEndpoint& endpoint, QObject* parent)>;

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

Q_SIGNALS:
    // A client was made for a new endpoint (the reconciler watches its events).
    void clientAdded(Knot::EngineClient* client);

private:
    QFuture<Result<EngineClient*>> locateDefault();

    Database& m_db;
    ClientFactory m_factory;
    QHash<QString, EngineClient*> m_clients; // by endpoint text
    EngineClient* m_default = nullptr;       // the default engine's client, once known
};

} // namespace Knot
