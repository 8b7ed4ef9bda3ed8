#pragma once

#include "core/result.h"

#include <QObject>
#include <QString>

namespace Knot {

class Database;
class EngineManager;
class SpaceService;
struct ContainerInfo;

// Opens the VNC desktop of a running space: finds where the template's VNC port can be reached
// from this machine and opens a VncWindow on it.
//
// Until the local forward through an exec relay exists (DESIGN "Reaching services inside a
// space"), the port is reached where the engine publishes it, else at the container's own
// address when the engine runs on this machine.
class SpaceVnc : public QObject
{
    Q_OBJECT

public:
    struct Address
    {
        QString host;
        int port = 0;
        friend bool operator==(const Address&, const Address&) = default;
    };

    SpaceVnc(Database& db, SpaceService& spaces, EngineManager& engines, QObject* parent = nullptr);

    // Opens a window; failures (not running, no VNC, unreachable port) come as failed().
    void open(const QString& spaceId);

    // Where `containerPort` of `container` answers from here: the published host port (a wildcard
    // host address means 127.0.0.1), else the container's address when `localEngine`.
    static Result<Address> reachableAddress(const ContainerInfo& container, int containerPort, bool localEngine);

Q_SIGNALS:
    void failed(const QString& message);
    // A window was opened at `address` (for tests).
    void opened(const QString& spaceId, const Knot::SpaceVnc::Address& address);

private:
    Database& m_db;
    SpaceService& m_spaces;
    EngineManager& m_engines;
};

} // namespace Knot
