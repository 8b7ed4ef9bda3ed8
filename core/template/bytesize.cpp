#include "core/template/bytesize.h"

#include <QRegularExpression>

#include <cmath>

namespace Knot {

std::optional<qint64> ByteSize::parse(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*(?:([kmgt])(?:i?b)?|b)?$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const double number = match.captured(1).toDouble();
    const QString unit = match.captured(2).toLower();
    const int shift = unit.isEmpty() ? 0 : 10 * (1 + int(QStringLiteral("kmgt").indexOf(unit)));
    const double bytes = std::ldexp(number, shift);
    if (bytes < 1 || bytes > 9.0e18) {
        return std::nullopt;
    }
    return qint64(std::llround(bytes));
}

} // namespace Knot
