#include "core/store/variablestore.h"

#include "core/store/database.h"

#include <QSqlQuery>

namespace Knot {

Result<QList<TemplateVariable>> VariableStore::select(const QString& where, const QVariantList& values) const
{
    auto rows = m_db.exec(QStringLiteral("SELECT name, value, is_secret FROM template_variables ") + where
                              + QStringLiteral(" ORDER BY name"),
                          values);
    if (!rows) {
        return rows.error();
    }
    QList<TemplateVariable> variables;
    while (rows->next()) {
        variables.append(
            TemplateVariable {rows->value(0).toString(), rows->value(1).toString(), rows->value(2).toBool()});
    }
    return variables;
}

VoidResult VariableStore::set(const TemplateVariable& variable)
{
    if (variable.name.isEmpty()) {
        return Error::invalid(QStringLiteral("A variable needs a name"));
    }
    return m_db.run(QStringLiteral("INSERT INTO template_variables (name, value, is_secret) VALUES (?, ?, ?) "
                                   "ON CONFLICT(name) DO UPDATE SET value = excluded.value, "
                                   "is_secret = excluded.is_secret"),
                    {variable.name, variable.value, variable.secret});
}

Result<TemplateVariable> VariableStore::get(const QString& name) const
{
    return Database::single(select(QStringLiteral("WHERE name = ?"), {name}),
                            QStringLiteral("No variable named “%1”").arg(name));
}

Result<QList<TemplateVariable>> VariableStore::list() const
{
    return select({}, {});
}

VoidResult VariableStore::remove(const QString& name)
{
    return m_db.change(QStringLiteral("DELETE FROM template_variables WHERE name = ?"),
                       {name},
                       QStringLiteral("No variable named “%1”").arg(name));
}

} // namespace Knot
