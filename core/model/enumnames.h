#pragma once

#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace Knot {

// Enum <-> text tables for the model's enums: one table per enum, looked up both ways.
template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, const char16_t*>, N>;

template <typename Enum, std::size_t N>
QString enumName(const EnumNames<Enum, N>& names, Enum value)
{
    for (const auto& [e, name] : names) {
        if (e == value) {
            return QString::fromUtf16(name);
        }
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> enumValue(const EnumNames<Enum, N>& names, const QString& text)
{
    for (const auto& [e, name] : names) {
        if (text.compare(QString::fromUtf16(name), Qt::CaseInsensitive) == 0) {
            return e;
        }
    }
    return std::nullopt;
}

} // namespace Knot
