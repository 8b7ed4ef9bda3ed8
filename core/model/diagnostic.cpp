#include "core/model/diagnostic.h"

namespace Knot {

QString Diagnostic::toString() const
{
    QString text;
    if (line > 0) {
        text = column > 0 ? QStringLiteral("line %1, column %2: ").arg(line).arg(column)
                          : QStringLiteral("line %1: ").arg(line);
    }
    if (!field.isEmpty()) {
        text += field + QStringLiteral(": ");
    }
    if (severity == Severity::Warning) {
        text += QStringLiteral("warning: ");
    }
    return text + message;
}

} // namespace Knot
