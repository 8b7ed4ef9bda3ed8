#pragma once

#include <QString>

#include <optional>

namespace Knot {

// Sizes as templates write them: plain bytes or a number with a k, m, g or t suffix (binary
// multiples, as Docker reads them), optionally followed by "b" or "ib"; "1.5g" is allowed.
class ByteSize
{
public:
    static std::optional<qint64> parse(const QString& text);
};

} // namespace Knot
