#pragma once

#include "core/model/template.h"
#include "core/result.h"

#include <QHash>
#include <QList>

namespace Knot {

class Database;

// Templates with their ports and custom fields. Names are unique, case-insensitively.
class TemplateStore
{
public:
    explicit TemplateStore(Database& db) : m_db(db) { }

    Result<QList<Template>> list() const; // ordered by name
    Result<Template> get(const QString& id) const;
    Result<Template> getByName(const QString& name) const; // case-insensitive

    // Generates the id when empty and fills missing timestamps; returns the stored record.
    Result<Template> insert(Template tmpl);
    // Replaces the whole record (ports and custom fields included); sets updatedAt to now.
    Result<Template> update(Template tmpl);
    // Refused with a Conflict error while spaces use the template.
    VoidResult remove(const QString& id);

    Result<int> spaceCount(const QString& templateId) const;
    // Template id -> number of spaces, for every template that has spaces (one query).
    Result<QHash<QString, int>> spaceCounts() const;

private:
    Result<QList<Template>> select(const QString& where, const QVariantList& values) const;
    VoidResult writeChildren(const Template& tmpl);
    VoidResult checkNameFree(const Template& tmpl) const;

    Database& m_db;
};

} // namespace Knot
