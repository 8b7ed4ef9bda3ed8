#pragma once

#include "core/model/template.h"
#include "core/result.h"
#include "ui/spaceforwarder.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace Knot {

class Database;
class EngineManager;
class SpaceService;
struct ContainerInfo;
struct Space;
class VncWindow;

// Opens the VNC desktop of a running space: finds where the template's VNC port can be reached
// from this machine and opens a VncWindow on it.
//
// A port a local engine publishes is reached there (the fastest path). Otherwise -- a remote
// engine, whose published ports and container addresses are on its machine, or an unpublished
// port -- the connection goes through a local forward into the container (DESIGN "Reaching
// services inside a space") when a forwarder is set, which also reaches servers bound to the
// container's loopback. Without one, a local engine's container address is the last resort.
//
// One window per space: opening it again raises it. When the space stops the window says so, and
// when it runs again (a new container, maybe a new port) the window reconnects by itself.
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

    // How the VNC port is reached: at `address` as it is, or through a new local forward.
    struct Route
    {
        enum class Kind
        {
            Direct,
            Forward,
        };
        Kind kind = Kind::Direct;
        Address address; // Direct only
        friend bool operator==(const Route&, const Route&) = default;
    };

    SpaceVnc(Database& db, SpaceService& spaces, EngineManager& engines, QObject* parent = nullptr);

    void setForwarder(SpaceForwarder forwarder) { m_forwarder = std::move(forwarder); }

    // Opens a window, or raises the space's open one; failures (not running, no VNC,
    // unreachable port) come as failed().
    void open(const QString& spaceId);
    // The space's open window, if any.
    VncWindow* window(const QString& spaceId) const;
    // A connection through the forward into `containerPort` of `containerId` failed (connect it to
    // PortForwarder::connectionFailed): the window connected through it says why, where the VNC
    // client alone only sees its socket closed. False when no window uses that forward.
    bool showForwardFailure(const QString& containerId, int containerPort, const QString& message);

    // How `containerPort` of `container` is reached from here: a port a `localEngine` publishes at
    // its host port (a wildcard host address means 127.0.0.1); else through a forward when
    // `forwarding`; else a local engine's container address. Fails when none applies.
    static Result<Route> route(const ContainerInfo& container, int containerPort, bool localEngine, bool forwarding);

Q_SIGNALS:
    void failed(const QString& message);
    // A window was opened, or reconnected after a restart, at `address` (for tests).
    void opened(const QString& spaceId, const Knot::SpaceVnc::Address& address);

private:
    struct OpenWindow
    {
        QPointer<VncWindow> window;
        QString containerId;   // the container it connects to
        int containerPort = 0; // the VNC port inside it
        int retriesLeft = 0;   // after a restart the server inside may still be starting
    };
    using Located = std::function<void(const Space& space, const VncSettings& vnc, const Address& address)>;

    // Finds where the running space's VNC port answers; failures come as failed(`prefix: why`).
    void locate(const QString& spaceId, const QString& failurePrefix, Located then);
    void onSpaceChanged(const Space& space);
    // While retries are left (after a restart), a failed connection is tried again shortly.
    void retryAfterRestarts(const QString& spaceId, VncWindow* window);

    Database& m_db;
    SpaceService& m_spaces;
    EngineManager& m_engines;
    SpaceForwarder m_forwarder;
    QHash<QString, OpenWindow> m_windows; // by space id
};

} // namespace Knot
