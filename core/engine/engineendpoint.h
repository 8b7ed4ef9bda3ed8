#pragma once

#include "core/result.h"

#include <QString>

namespace Knot {

// Where an engine listens: a Unix socket path, a TCP host and port, or a Unix socket on another
// machine reached over SSH.
struct EngineEndpoint
{
    enum class Transport
    {
        Unix,
        Tcp,
        Ssh,
    };

    // Docker's socket: what an ssh:// address without a path means (as for the docker CLI).
    static constexpr const char16_t* DefaultRemoteSocket = u"/var/run/docker.sock";

    Transport transport = Transport::Unix;
    QString path;     // Unix socket path (Ssh: on the remote machine)
    QString host;     // TCP or SSH host
    quint16 port = 0; // TCP port; SSH port, 0 = ssh's default (its config, else 22)
    QString user;     // SSH user, empty = ssh's default

    // Accepts unix:///path, /path, tcp://host:port, http://host:port and
    // ssh://[user@]host[:port][/remote/socket/path].
    static Result<EngineEndpoint> parse(const QString& text);
    QString toString() const;
    // On this machine: a Unix socket, or TCP to a loopback address. Ports such an engine publishes
    // are reachable here; a remote engine's (TCP elsewhere, SSH) are on its machine.
    bool isLocal() const;

    friend bool operator==(const EngineEndpoint&, const EngineEndpoint&) = default;
};

} // namespace Knot
