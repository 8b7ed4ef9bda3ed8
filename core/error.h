#pragma once

#include <QString>

namespace Knot {

// An error as it travels to the user: a kind for code to branch on, a message a person can read,
// and technical detail (engine reply, SQL text, …) for logs and "details" views.
struct Error
{
    enum class Kind
    {
        Invalid,     // bad input: template, name, argument
        NotFound,    // no such template, space, container, image
        Conflict,    // name taken, template in use, operation not allowed in this state
        Engine,      // the engine answered with an error
        Unreachable, // the engine (or a service) could not be reached
        Database,    // SQLite said no
        Io,          // files and processes
        Cancelled,
        Timeout,
        Unsupported,
        Internal,
    };

    Kind kind = Kind::Internal;
    QString message;
    QString detail;
    int httpStatus = 0;

    static Error invalid(const QString& message, const QString& detail = {})
    {
        return {Kind::Invalid, message, detail};
    }
    static Error notFound(const QString& message) { return {Kind::NotFound, message, {}}; }
    static Error conflict(const QString& message) { return {Kind::Conflict, message, {}}; }
    static Error database(const QString& message, const QString& detail = {})
    {
        return {Kind::Database, message, detail};
    }
    static Error io(const QString& message, const QString& detail = {}) { return {Kind::Io, message, detail}; }
    static Error cancelled() { return {Kind::Cancelled, QStringLiteral("Cancelled"), {}}; }

    // "message (detail)" for one-line output such as the command-line tool's stderr.
    QString toString() const { return detail.isEmpty() ? message : message + QStringLiteral(" (") + detail + u')'; }
};

} // namespace Knot
