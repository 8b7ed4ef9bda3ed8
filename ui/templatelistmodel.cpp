#include "ui/templatelistmodel.h"

#include "ui/icons.h"
#include "ui/idlookup.h"

namespace Knot {

TemplateListModel::TemplateListModel(QObject* parent) : QAbstractListModel(parent) { }

void TemplateListModel::setTemplates(const QList<Template>& templates, const QHash<QString, int>& spaceCounts)
{
    beginResetModel();
    m_templates = templates;
    m_spaceCounts = spaceCounts;
    endResetModel();
}

void TemplateListModel::updateTemplate(const Template& tmpl)
{
    const int row = rowOf(tmpl.id);
    if (row >= 0) {
        m_templates[row] = tmpl;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    beginInsertRows({}, m_templates.size(), m_templates.size());
    m_templates.append(tmpl);
    endInsertRows();
}

void TemplateListModel::removeTemplate(const QString& id)
{
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_templates.removeAt(row);
    endRemoveRows();
}

void TemplateListModel::setSpaceCounts(const QHash<QString, int>& spaceCounts)
{
    m_spaceCounts = spaceCounts;
    if (!m_templates.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(m_templates.size() - 1), {SpaceCountRole});
    }
}

int TemplateListModel::rowOf(const QString& id) const
{
    return indexById(m_templates, id);
}

std::optional<Template> TemplateListModel::templateById(const QString& id) const
{
    return findById(m_templates, id);
}

int TemplateListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_templates.size());
}

QVariant TemplateListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Template& tmpl = m_templates[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return tmpl.name;
    case Qt::DecorationRole:
        return m_icons.fromSetting(tmpl.icon);
    case Qt::ToolTipRole:
    case DescriptionRole:
        return tmpl.description;
    case IdRole:
        return tmpl.id;
    case PlatformRole:
        return toText(tmpl.platform);
    case SpaceCountRole:
        return m_spaceCounts.value(tmpl.id);
    case ManualRole:
        return tmpl.isManual();
    default:
        return {};
    }
}

QHash<int, QByteArray> TemplateListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(NameRole, "name");
    names.insert(DescriptionRole, "description");
    names.insert(PlatformRole, "platform");
    names.insert(SpaceCountRole, "spaceCount");
    names.insert(ManualRole, "manual");
    return names;
}

} // namespace Knot
