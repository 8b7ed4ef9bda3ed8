#pragma once

#include "core/model/space.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace Knot {

// Filters the space list by text (name, description, template name) and by state.
class SpaceFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SpaceFilterModel(QObject* parent = nullptr);

    void setText(const QString& text);
    void setState(std::optional<SpaceState> state);
    std::optional<SpaceState> state() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    std::optional<SpaceState> m_state;
};

} // namespace Knot
