#pragma once

#include "core/result.h"

#include <QString>

namespace Knot {

// Where an engine listens: a Unix socket path or a TCP host and port.
struct EngineEndpoint
{
    enum class Transport
    {
        Unix,
        Tcp,
    };

    Transport transport = Transport::Unix;
    QString path; // Unix socket path
    QString host; // TCP host
    quint16 port = 0;

    // Accepts unix:///path, /path, tcp://host:port and http://host:port.
    static Result<EngineEndpoint> parse(const QString& text);
    QString toString() const;

    friend bool operator==(const EngineEndpoint&, const EngineEndpoint&) = default;
};

} // namespace Knot
