#pragma once

#include <QList>
#include <QString>

#include <algorithm>
#include <optional>

namespace Knot {

// Row lookups by id for the list models (model structs all carry a QString id).
template <typename T>
int indexById(const QList<T>& items, const QString& id)
{
    const auto it = std::find_if(items.cbegin(), items.cend(), [&id](const T& item) { return item.id == id; });
    return it == items.cend() ? -1 : static_cast<int>(it - items.cbegin());
}

template <typename T>
std::optional<T> findById(const QList<T>& items, const QString& id)
{
    const int row = indexById(items, id);
    return row < 0 ? std::nullopt : std::optional<T>(items[row]);
}

} // namespace Knot
