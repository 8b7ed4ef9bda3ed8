#pragma once

#include "core/result.h"

#include <QStringList>
#include <QVariant>

namespace Knot {

// The functions a knot template can call (knot's own plus the Go builtins it relies on), and Go's
// formatting rules for values. Values are QVariant: QString, bool, qint64, double, QVariantMap,
// QVariantList, or invalid for nil.
class TemplateFunctions
{
public:
    static QStringList names();
    // `openMap` tells whether a map's missing keys read as empty strings (used by `index`).
    static Result<QVariant>
    call(const QString& name, const QVariantList& args, const std::function<bool(const QVariantMap&)>& openMap);

    // How Go prints a value with %v (and how an action writes it to the output).
    static QString print(const QVariant& value);
    // Go's encoding/json output, with & < > escaped as knot's `json` does.
    static QString json(const QVariant& value);
    // Go's strconv.Quote.
    static QString goQuote(const QString& text);
    static QString printf(const QString& format, const QVariantList& args);
    // Go's notion of truth for `if`, `and`, `or`, `not`.
    static bool isTrue(const QVariant& value);
    // Go's type name of a value, for error messages and printf's %!verb(type=value).
    static QString typeName(const QVariant& value);
};

} // namespace Knot
