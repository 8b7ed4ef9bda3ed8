#pragma once

#include "core/model/space.h"
#include "core/result.h"

#include <QList>

namespace Knot {

class Database;

// Spaces with their additional names, custom fields and volume records.
//
// Names are unique across space names and additional names, case-insensitively; insert and
// update check it (Conflict error) and the schema enforces it as well.
class SpaceStore
{
public:
    explicit SpaceStore(Database& db) : m_db(db) { }

    // Ordered by name. Loads the children with one query per child table, not one per space.
    Result<QList<Space>> list() const;
    Result<Space> get(const QString& id) const;
    Result<Space> getByName(const QString& name) const; // the space name only, case-insensitive

    // Generates the id when empty and sets createdAt when unset; returns the stored record.
    Result<Space> insert(Space space);
    // Replaces the whole record, children included, in one transaction.
    VoidResult update(const Space& space);
    VoidResult remove(const QString& id);

    // Cheap single-row updates for the lifecycle, which changes these often.
    VoidResult setState(const QString& id, SpaceState state, const QString& lastError = {});
    VoidResult setContainer(const QString& id, const QString& containerId, const QString& startedHash);
    // Records a successful start: everStarted becomes true, startedAt the given time.
    VoidResult markStarted(const QString& id, const QDateTime& startedAt);

    // Whether `name` is used as a space name or an additional name by a space other than
    // `exceptSpaceId` (pass the edited space's id, or empty when creating).
    Result<bool> isNameTaken(const QString& name, const QString& exceptSpaceId = {}) const;

private:
    Result<QList<Space>> select(const QString& where, const QVariantList& values) const;
    VoidResult checkNamesFree(const Space& space) const;
    VoidResult writeChildren(const Space& space);
    VoidResult updateRow(const QString& id, const QString& assignments, QVariantList values);

    Database& m_db;
};

} // namespace Knot
