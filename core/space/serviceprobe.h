#pragma once

#include "core/forward/listeningport.h"
#include "core/result.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QTimer;

namespace Knot {

class EngineClient;
class EngineManager;
class SpaceService;

// What answers inside a running space, as last probed.
struct ServiceStatus
{
    bool probed = false;  // false until the first probe came back
    QList<int> listening; // TCP ports something listens on inside the container, sorted
    bool tunnelConnected = false;
    QString tunnelName; // the VS Code tunnel's name once connected

    bool listens(int port) const { return listening.contains(port); }
    bool operator==(const ServiceStatus&) const = default;
};

// Finds out which services of running spaces actually answer (DESIGN: service icons show "what
// the template enables and what actually answers"): the TCP ports listening inside the container
// (VNC, code-server, anything else) and whether the VS Code tunnel is connected. Probes a space
// when asked to watch it, then again after 2 s, doubling up to 30 s while nothing changes (back to
// 2 s after a change), so a server that comes up a while after the start shows up soon and an idle
// space costs one exec every 30 s. One probe per space at a time; all asynchronous.
class ServiceProbe : public QObject
{
    Q_OBJECT

public:
    // How the listening ports are read (PortForwarder::listListeningPorts; tests may pass a fake).
    using PortLister = std::function<QFuture<Result<QList<ListeningPort>>>(EngineClient*, const QString&)>;

    static constexpr int FirstIntervalMs = 2000;
    static constexpr int MaxIntervalMs = 30000;

    ServiceProbe(SpaceService& spaces, EngineManager& engines, PortLister lister, QObject* parent = nullptr);
    ~ServiceProbe() override;

    // Starts probing a running space (now, then on the schedule); `tunnel`: also ask whether its
    // VS Code tunnel is connected. Watching again probes now.
    void watch(const QString& spaceId, bool tunnel);
    // Stops probing (the space stopped or is gone) and forgets its status.
    void unwatch(const QString& spaceId);
    bool isWatching(const QString& spaceId) const { return m_watched.contains(spaceId); }
    bool asksTunnel(const QString& spaceId) const { return m_watched.value(spaceId).tunnel; }
    ServiceStatus status(const QString& spaceId) const;

    // The wait before the next probe: back to the first interval after a change, else doubled up
    // to the maximum.
    static int nextIntervalMs(int currentMs, bool changed);

    // The exec that prints `code tunnel status` JSON (the CLI on the PATH or in ~/.local/bin, where
    // knot installs it), and what it means: the tunnel's name when connected, nullopt otherwise.
    static QStringList tunnelStatusCommand();
    static std::optional<QString> connectedTunnel(const QByteArray& statusJson);

Q_SIGNALS:
    void statusChanged(const QString& spaceId, const Knot::ServiceStatus& status);

private:
    struct Watch
    {
        bool tunnel = false;
        bool probing = false;
        int intervalMs = FirstIntervalMs;
        QTimer* timer = nullptr;
        ServiceStatus status;
    };

    void probe(const QString& spaceId);
    void finish(const QString& spaceId, const ServiceStatus& status);

    SpaceService& m_spaces;
    EngineManager& m_engines;
    PortLister m_lister;
    QHash<QString, Watch> m_watched;
};

} // namespace Knot
