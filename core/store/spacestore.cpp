#include "core/store/spacestore.h"

#include "core/store/database.h"

#include <QHash>
#include <QSqlQuery>

namespace Knot {

namespace {

const QString columns = QStringLiteral("id, name, description, icon, template_id, engine_id, shell, state, "
                                       "last_error, container_id, started_hash, ever_started, created_at, started_at");

Space spaceFromRow(const QSqlQuery& row)
{
    Space s;
    s.id = row.value(0).toString();
    s.name = row.value(1).toString();
    s.description = row.value(2).toString();
    s.icon = row.value(3).toString();
    s.templateId = row.value(4).toString();
    s.engineId = row.value(5).toString();
    s.shell = row.value(6).toString();
    s.state = spaceStateFromText(row.value(7).toString()).value_or(SpaceState::Failed);
    s.lastError = row.value(8).toString();
    s.containerId = row.value(9).toString();
    s.startedHash = row.value(10).toString();
    s.everStarted = row.value(11).toBool();
    s.createdAt = Database::fromTimestamp(row.value(12));
    s.startedAt = Database::fromTimestamp(row.value(13));
    return s;
}

// Values in `columns` order.
QVariantList spaceValues(const Space& s)
{
    return {s.id,
            s.name,
            s.description,
            s.icon,
            s.templateId,
            Database::nullIfEmpty(s.engineId),
            s.shell,
            toText(s.state),
            s.lastError,
            s.containerId,
            s.startedHash,
            s.everStarted,
            Database::toTimestamp(s.createdAt),
            Database::toTimestamp(s.startedAt)};
}

QString volumeKindText(VolumeRecord::Kind kind)
{
    return kind == VolumeRecord::Kind::Path ? QStringLiteral("path") : QStringLiteral("volume");
}

} // namespace

Result<QList<Space>> SpaceStore::select(const QString& where, const QVariantList& values) const
{
    auto rows = m_db.exec(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM spaces ") + where
                              + QStringLiteral(" ORDER BY lower(name)"),
                          values);
    if (!rows) {
        return rows.error();
    }
    QList<Space> spaces;
    QHash<QString, qsizetype> index;
    while (rows->next()) {
        spaces.append(spaceFromRow(*rows));
        index.insert(spaces.last().id, spaces.size() - 1);
    }
    if (spaces.isEmpty()) {
        return spaces;
    }

    // Children: one query per table, whatever the number of spaces.
    const QString children = QStringLiteral(" WHERE space_id IN (SELECT id FROM spaces ") + where + u')';
    auto names = m_db.exec(QStringLiteral("SELECT space_id, name, port FROM space_additional_names") + children
                               + QStringLiteral(" ORDER BY space_id, position"),
                           values);
    if (!names) {
        return names.error();
    }
    while (names->next()) {
        spaces[index.value(names->value(0).toString())].additionalNames.append(
            AdditionalName {names->value(1).toString(), names->value(2).toInt()});
    }
    auto fields = m_db.exec(QStringLiteral("SELECT space_id, name, value FROM space_custom_fields") + children, values);
    if (!fields) {
        return fields.error();
    }
    while (fields->next()) {
        spaces[index.value(fields->value(0).toString())].customFields.insert(fields->value(1).toString(),
                                                                             fields->value(2).toString());
    }
    auto volumes = m_db.exec(QStringLiteral("SELECT space_id, kind, name FROM space_volumes") + children
                                 + QStringLiteral(" ORDER BY space_id, position"),
                             values);
    if (!volumes) {
        return volumes.error();
    }
    while (volumes->next()) {
        const auto kind =
            volumes->value(1).toString() == u"path" ? VolumeRecord::Kind::Path : VolumeRecord::Kind::Volume;
        spaces[index.value(volumes->value(0).toString())].volumeRecords.append(
            VolumeRecord {kind, volumes->value(2).toString()});
    }
    return spaces;
}

Result<QList<Space>> SpaceStore::list() const
{
    return select({}, {});
}

Result<Space> SpaceStore::get(const QString& id) const
{
    return Database::single(select(QStringLiteral("WHERE id = ?"), {id}),
                            QStringLiteral("No space with id %1").arg(id));
}

Result<Space> SpaceStore::getByName(const QString& name) const
{
    return Database::single(select(QStringLiteral("WHERE lower(name) = lower(?)"), {name}),
                            QStringLiteral("No space named “%1”").arg(name));
}

Result<bool> SpaceStore::isNameTaken(const QString& name, const QString& exceptSpaceId) const
{
    auto taken = m_db.exec(QStringLiteral("SELECT 1 FROM spaces WHERE lower(name) = lower(?) AND id <> ? "
                                          "UNION ALL SELECT 1 FROM space_additional_names "
                                          "WHERE lower(name) = lower(?) AND space_id <> ?"),
                           {name, exceptSpaceId, name, exceptSpaceId});
    if (!taken) {
        return taken.error();
    }
    return taken->next();
}

VoidResult SpaceStore::checkNamesFree(const Space& space) const
{
    QStringList names {space.name};
    for (const AdditionalName& additional : space.additionalNames) {
        if (names.contains(additional.name, Qt::CaseInsensitive)) {
            return Error::conflict(QStringLiteral("The name “%1” is given twice").arg(additional.name));
        }
        names.append(additional.name);
    }
    for (const QString& name : names) {
        const auto taken = isNameTaken(name, space.id);
        if (!taken) {
            return taken.error();
        }
        if (*taken) {
            return Error::conflict(QStringLiteral("The name “%1” is already taken").arg(name));
        }
    }
    return {};
}

VoidResult SpaceStore::writeChildren(const Space& space)
{
    for (const auto* table : {u"space_additional_names", u"space_custom_fields", u"space_volumes"}) {
        if (auto done = m_db.run(QStringLiteral("DELETE FROM %1 WHERE space_id = ?").arg(QString::fromUtf16(table)),
                                 {space.id});
            !done) {
            return done;
        }
    }
    for (int i = 0; i < space.additionalNames.size(); ++i) {
        const AdditionalName& additional = space.additionalNames[i];
        if (auto done =
                m_db.run(QStringLiteral(
                             "INSERT INTO space_additional_names (space_id, position, name, port) VALUES (?, ?, ?, ?)"),
                         {space.id, i, additional.name, additional.port});
            !done) {
            return done;
        }
    }
    for (auto it = space.customFields.cbegin(); it != space.customFields.cend(); ++it) {
        if (auto done =
                m_db.exec(QStringLiteral("INSERT INTO space_custom_fields (space_id, name, value) VALUES (?, ?, ?)"),
                          {space.id, it.key(), it.value()});
            !done) {
            return done.error();
        }
    }
    for (int i = 0; i < space.volumeRecords.size(); ++i) {
        const VolumeRecord& volume = space.volumeRecords[i];
        if (auto done = m_db.run(
                QStringLiteral("INSERT INTO space_volumes (space_id, position, kind, name) VALUES (?, ?, ?, ?)"),
                {space.id, i, volumeKindText(volume.kind), volume.name});
            !done) {
            return done;
        }
    }
    return {};
}

Result<Space> SpaceStore::insert(Space space)
{
    if (space.id.isEmpty()) {
        space.id = Database::newId();
    }
    if (!space.createdAt.isValid()) {
        space.createdAt = QDateTime::currentDateTimeUtc();
    }
    auto done = m_db.transaction([&]() -> VoidResult {
        if (auto free = checkNamesFree(space); !free) {
            return free;
        }
        const QVariantList values = spaceValues(space);
        const QString placeholders = QStringLiteral("?, ").repeated(values.size() - 1) + u'?';
        if (auto inserted = m_db.run(QStringLiteral("INSERT INTO spaces (") + columns + QStringLiteral(") VALUES (")
                                         + placeholders + u')',
                                     values);
            !inserted) {
            return inserted;
        }
        return writeChildren(space);
    });
    if (!done) {
        return done.error();
    }
    return space;
}

VoidResult SpaceStore::update(const Space& space)
{
    return m_db.transaction([&]() -> VoidResult {
        if (auto free = checkNamesFree(space); !free) {
            return free;
        }
        // Every column but id, then the id for WHERE.
        QVariantList values = spaceValues(space);
        values.removeFirst();
        QStringList assignments = columns.split(QStringLiteral(", "));
        assignments.removeFirst();
        if (auto updated =
                updateRow(space.id, assignments.join(QStringLiteral(" = ?, ")) + QStringLiteral(" = ?"), values);
            !updated) {
            return updated;
        }
        return writeChildren(space);
    });
}

VoidResult SpaceStore::updateRow(const QString& id, const QString& assignments, QVariantList values)
{
    values.append(id);
    return m_db.change(QStringLiteral("UPDATE spaces SET ") + assignments + QStringLiteral(" WHERE id = ?"),
                       values,
                       QStringLiteral("No space with id %1").arg(id));
}

VoidResult SpaceStore::setState(const QString& id, SpaceState state, const QString& lastError)
{
    return updateRow(id, QStringLiteral("state = ?, last_error = ?"), {toText(state), lastError});
}

VoidResult SpaceStore::setContainer(const QString& id, const QString& containerId, const QString& startedHash)
{
    return updateRow(id, QStringLiteral("container_id = ?, started_hash = ?"), {containerId, startedHash});
}

VoidResult SpaceStore::markStarted(const QString& id, const QDateTime& startedAt)
{
    return updateRow(id, QStringLiteral("ever_started = 1, started_at = ?"), {Database::toTimestamp(startedAt)});
}

VoidResult SpaceStore::remove(const QString& id)
{
    return m_db.change(
        QStringLiteral("DELETE FROM spaces WHERE id = ?"), {id}, QStringLiteral("No space with id %1").arg(id));
}

} // namespace Knot
