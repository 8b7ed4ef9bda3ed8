#pragma once

#include "core/model/diagnostic.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace Knot {

struct RenderResult
{
    QString text;
    Diagnostics diagnostics;
    // sourceLines[i] is the source line (1-based) that output line i + 1 comes from: lines only
    // shift when an `if` drops text, a trim marker eats newlines or a value holds newlines.
    QList<int> sourceLines;

    bool ok() const { return !hasErrors(diagnostics); }
    // The source line of a 1-based output line (itself when unknown), for mapping a parser's
    // diagnostics on the rendered text back to what the user wrote.
    int sourceLine(int outputLine) const;
};

// Renders knot's Go-template subset (`${{ … }}` delimiters) against a data tree. Unknown
// variables, unknown functions and unsupported constructs are errors with line and column,
// never a silent "<no value>". Field paths are checked in every branch, taken or not.
class TemplateRenderer
{
public:
    // `openMaps`: dotted paths of maps whose missing keys read as empty strings (knot's `.custom`).
    explicit TemplateRenderer(QVariantMap data, QStringList openMaps = {});

    // `field` names the document being rendered ("job", "volumes") in the diagnostics.
    RenderResult render(const QString& source, const QString& field = {}) const;

    const QVariantMap& data() const { return m_data; }

private:
    QVariantMap m_data;
    QStringList m_openMaps;
};

} // namespace Knot
