#pragma once

#include <QString>

namespace Knot {

// A container engine the user (or detection) registered: where it is and what it is.
struct EngineRecord
{
    enum class Kind
    {
        Unknown,
        Docker,
        Podman,
    };

    QString id; // UUID, without braces
    QString name;
    QString endpoint; // unix:///path/to.sock or tcp://host:port
    Kind kind = Kind::Unknown;
    bool isDefault = false;

    friend bool operator==(const EngineRecord&, const EngineRecord&) = default;
};

} // namespace Knot
