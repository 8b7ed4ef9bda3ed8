#pragma once

#include <QList>
#include <QString>

namespace Knot {

// One problem found in a document the user wrote (template spec, volume definition, template
// file), located so an editor can mark it and a terminal can print "file:line:column: message".
struct Diagnostic
{
    enum class Severity
    {
        Error,
        Warning,
    };

    Severity severity = Severity::Error;
    int line = 0;   // 1-based; 0 when the position is unknown
    int column = 0; // 1-based; 0 when the position is unknown
    QString field;  // dotted path of the field, e.g. "job.ports[1]"
    QString message;

    bool isError() const { return severity == Severity::Error; }
    // "line 3, column 5: ports[0]: port 70000 is out of range 1–65535"
    QString toString() const;

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

using Diagnostics = QList<Diagnostic>;

inline bool hasErrors(const Diagnostics& diagnostics)
{
    for (const auto& d : diagnostics) {
        if (d.isError()) {
            return true;
        }
    }
    return false;
}

// What a parser read, as far as the input allowed, with every problem it found.
template <typename T>
struct Parsed
{
    T value;
    Diagnostics diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};

} // namespace Knot
