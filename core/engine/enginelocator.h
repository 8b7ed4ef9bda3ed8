#pragma once

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace Knot {

// One place an engine may listen, and why we look there (shown in diagnostics).
struct EngineCandidate
{
    QString endpoint; // "unix:///run/podman/podman.sock", "tcp://host:2375"
    QString source;   // "DOCKER_HOST", "Docker", "rootless Docker", "rootless Podman", "Podman"

    bool operator==(const EngineCandidate&) const = default;
};

// Finds the default engine in the order of DESIGN.md: DOCKER_HOST, the Docker socket, rootless
// Docker, rootless Podman, rootful Podman. All candidates are probed at once; the first in that
// order that answers wins. The probe is injected so the composition root can use the real HTTP
// client; pingProbe() is a self-contained raw `GET /_ping`.
class EngineLocator : public QObject
{
    Q_OBJECT

public:
    // Resolves to true when an engine answers at the endpoint. Must always finish (own timeout).
    using Probe = std::function<QFuture<bool>(const QString& endpoint)>;

    // What the search depends on, injectable for tests.
    struct Environment
    {
        QString dockerHost;    // $DOCKER_HOST, empty when unset
        QString xdgRuntimeDir; // $XDG_RUNTIME_DIR, empty when unset
        QString dockerSocket = QStringLiteral("/var/run/docker.sock");
        QString rootfulPodmanSocket = QStringLiteral("/run/podman/podman.sock");

        static Environment fromSystem();
    };

    explicit EngineLocator(Probe probe, Environment environment = Environment::fromSystem(), QObject* parent = nullptr);

    // The endpoints in the order they are preferred.
    QList<EngineCandidate> candidates() const;

    // The first candidate that answers, or nullopt when none does. Resolved on this object's thread.
    QFuture<std::optional<EngineCandidate>> locate();

    // Raw `GET /_ping` over a Unix socket (unix://) or TCP (tcp://); false on any error or timeout.
    static Probe pingProbe(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

private:
    Probe m_probe;
    Environment m_environment;
};

} // namespace Knot
