#pragma once

#include "core/model/template.h"
#include "ui/iconcache.h"

#include <QAbstractListModel>
#include <QHash>

namespace Knot {

// The Templates page's rows: one per template, with the number of spaces that use it.
class TemplateListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        NameRole,
        DescriptionRole,
        PlatformRole, // the engine as text: container, docker, podman, manual
        SpaceCountRole,
        ManualRole,
    };

    explicit TemplateListModel(QObject* parent = nullptr);

    void setTemplates(const QList<Template>& templates, const QHash<QString, int>& spaceCounts);
    // Inserts or replaces one template (matched by id).
    void updateTemplate(const Template& tmpl);
    void removeTemplate(const QString& id);
    void setSpaceCounts(const QHash<QString, int>& spaceCounts);

    int rowOf(const QString& id) const;
    std::optional<Template> templateById(const QString& id) const;
    int spaceCount(const QString& id) const { return m_spaceCounts.value(id); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Template> m_templates;
    mutable IconCache m_icons; // data() is const; decorations are asked for on every paint
    QHash<QString, int> m_spaceCounts;
};

} // namespace Knot
