#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Knot {

// A TCP port something listens on inside a container, as `knot-relay ports` reports it.
struct ListeningPort
{
    int port = 0;
    QString address; // "127.0.0.1", "0.0.0.0", "::"

    // True when only the container itself can reach it (bound to 127.0.0.0/8 or ::1).
    bool isLoopback() const;
    bool operator==(const ListeningPort&) const = default;

    // Parses the relay's output: one "PORT ADDRESS" per line. A malformed line is an error
    // (it would mean a relay of another version), an empty output an empty list.
    static Result<QList<ListeningPort>> parseList(const QByteArray& output);
    // The port numbers, sorted, each once (a port bound on IPv4 and IPv6 is listed twice).
    static QList<int> numbers(const QList<ListeningPort>& ports);
};

} // namespace Knot
