#pragma once

#include "core/model/templatevariable.h"
#include "core/result.h"

#include <QList>

namespace Knot {

class Database;

// Template variables (`${{ .var.<name> }}`), keyed by their exact name.
class VariableStore
{
public:
    explicit VariableStore(Database& db) : m_db(db) { }

    // Creates or replaces the variable with this name.
    VoidResult set(const TemplateVariable& variable);
    Result<TemplateVariable> get(const QString& name) const;
    Result<QList<TemplateVariable>> list() const; // ordered by name
    VoidResult remove(const QString& name);

private:
    Result<QList<TemplateVariable>> select(const QString& where, const QVariantList& values) const;

    Database& m_db;
};

} // namespace Knot
