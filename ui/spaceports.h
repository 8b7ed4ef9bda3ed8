#pragma once

#include "core/forward/portentry.h"
#include "core/model/template.h"
#include "core/result.h"
#include "ui/spaceforwarder.h"

#include <QFuture>
#include <QObject>
#include <QUrl>

#include <functional>

namespace Knot {

class Database;
class EngineManager;
class SpaceService;
struct ContainerInfo;
struct RunningSpace;

// The ports of running spaces and the services behind them (the Ports menu, Code Server): what the
// template declares merged with what the engine publishes and what listens inside, and opening or
// copying their address.
//
// Published ports are reached at their host port. Others go through a local forward into the
// container (DESIGN "Reaching services inside a space") when a Forwarder is set; without one they
// are listed but cannot be opened.
class SpacePorts : public QObject
{
    Q_OBJECT

public:
    using Forwarder = SpaceForwarder;
    // The TCP ports listening inside the space.
    using ListeningPorts = std::function<QFuture<Result<QList<int>>>(const RunningSpace& space)>;

    SpacePorts(Database& db, SpaceService& spaces, EngineManager& engines, QObject* parent = nullptr);

    void setForwarder(Forwarder forwarder) { m_forwarder = std::move(forwarder); }
    void setListeningPorts(ListeningPorts listening) { m_listening = std::move(listening); }

    // The ports of a running space, declared ones first in the template's order.
    QFuture<Result<QList<PortEntry>>> list(const QString& spaceId);

    // Opens the entry in the browser, or puts its address on the clipboard (forwarding it first
    // when it is not published).
    void open(const PortEntry& entry);
    void copy(const PortEntry& entry);
    // Opens the space's code-server (the template's code-server port) in the browser.
    void openCodeServer(const QString& spaceId);

    // Why an entry cannot be opened (empty: it can).
    static QString unreachableReason(const PortEntry& entry);

Q_SIGNALS:
    void failed(const QString& message);
    // An address was handed to the browser or the clipboard (for tests).
    void opened(const QUrl& url);
    void copied(const QString& address);

private:
    // `entry` with a host address: as it is when published, else through a new forward.
    void reach(const PortEntry& entry, std::function<void(const PortEntry&)> done);
    void finishList(const std::shared_ptr<QPromise<Result<QList<PortEntry>>>>& promise,
                    const Result<RunningSpace>& running,
                    const QList<int>& listening);

    Database& m_db;
    SpaceService& m_spaces;
    EngineManager& m_engines;
    Forwarder m_forwarder;
    ListeningPorts m_listening;
};

} // namespace Knot
