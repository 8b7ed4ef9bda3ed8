#include "ui/spacefiltermodel.h"

#include "ui/spacelistmodel.h"

namespace Knot {

SpaceFilterModel::SpaceFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    // Rows change state often; re-filter as their data changes so a state filter stays true.
    setDynamicSortFilter(true);
}

void SpaceFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void SpaceFilterModel::setState(std::optional<SpaceState> state)
{
    m_state = state;
    invalidateFilter();
}

bool SpaceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_state && index.data(SpaceListModel::StateRole).toInt() != static_cast<int>(*m_state)) {
        return false;
    }
    if (m_text.isEmpty()) {
        return true;
    }
    for (const int role :
         {SpaceListModel::NameRole, SpaceListModel::DescriptionRole, SpaceListModel::TemplateNameRole}) {
        if (index.data(role).toString().contains(m_text, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

} // namespace Knot
