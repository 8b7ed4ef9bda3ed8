#include "core/store/enginestore.h"

#include "core/model/enumnames.h"
#include "core/store/database.h"

#include <QSqlQuery>

namespace Knot {

namespace {

constexpr EnumNames<EngineRecord::Kind, 3> kindNames {{
    {EngineRecord::Kind::Unknown, u"unknown"},
    {EngineRecord::Kind::Docker, u"docker"},
    {EngineRecord::Kind::Podman, u"podman"},
}};

} // namespace

Result<QList<EngineRecord>> EngineStore::select(const QString& where, const QVariantList& values) const
{
    auto rows = m_db.exec(QStringLiteral("SELECT id, name, endpoint, kind, is_default FROM engines ") + where
                              + QStringLiteral(" ORDER BY lower(name), id"),
                          values);
    if (!rows) {
        return rows.error();
    }
    QList<EngineRecord> engines;
    while (rows->next()) {
        EngineRecord engine;
        engine.id = rows->value(0).toString();
        engine.name = rows->value(1).toString();
        engine.endpoint = rows->value(2).toString();
        engine.kind = enumValue(kindNames, rows->value(3).toString()).value_or(EngineRecord::Kind::Unknown);
        engine.isDefault = rows->value(4).toBool();
        engines.append(engine);
    }
    return engines;
}

Result<QList<EngineRecord>> EngineStore::list() const
{
    return select({}, {});
}

Result<EngineRecord> EngineStore::get(const QString& id) const
{
    return Database::single(select(QStringLiteral("WHERE id = ?"), {id}),
                            QStringLiteral("No engine with id %1").arg(id));
}

Result<EngineRecord> EngineStore::add(EngineRecord engine)
{
    if (engine.id.isEmpty()) {
        engine.id = Database::newId();
    }
    auto done = m_db.transaction([&]() -> VoidResult {
        const auto current = defaultEngine();
        if (!current) {
            return current.error();
        }
        if (!current->has_value()) {
            engine.isDefault = true;
        }
        if (engine.isDefault && current->has_value()) {
            if (auto cleared = m_db.run(QStringLiteral("UPDATE engines SET is_default = 0")); !cleared) {
                return cleared;
            }
        }
        if (auto inserted = m_db.run(
                QStringLiteral("INSERT INTO engines (id, name, endpoint, kind, is_default) VALUES (?, ?, ?, ?, ?)"),
                {engine.id, engine.name, engine.endpoint, enumName(kindNames, engine.kind), engine.isDefault});
            !inserted) {
            return inserted;
        }
        return {};
    });
    if (!done) {
        return done.error();
    }
    return engine;
}

VoidResult EngineStore::update(const EngineRecord& engine)
{
    return m_db.change(QStringLiteral("UPDATE engines SET name = ?, endpoint = ?, kind = ? WHERE id = ?"),
                       {engine.name, engine.endpoint, enumName(kindNames, engine.kind), engine.id},
                       QStringLiteral("No engine with id %1").arg(engine.id));
}

VoidResult EngineStore::remove(const QString& id)
{
    return m_db.transaction([&]() -> VoidResult {
        const auto engine = get(id);
        if (!engine) {
            return engine.error();
        }
        auto count = m_db.exec(QStringLiteral("SELECT count(*) FROM spaces WHERE engine_id = ?"), {id});
        if (!count) {
            return count.error();
        }
        count->next();
        if (const int spaces = count->value(0).toInt(); spaces > 0) {
            return Error::conflict(QStringLiteral("The engine “%1” is used by %2 space(s); delete them first")
                                       .arg(engine->name)
                                       .arg(spaces));
        }
        if (auto removed = m_db.run(QStringLiteral("DELETE FROM engines WHERE id = ?"), {id}); !removed) {
            return removed;
        }
        return {};
    });
}

VoidResult EngineStore::setDefault(const QString& id)
{
    return m_db.transaction([&]() -> VoidResult {
        if (auto engine = get(id); !engine) {
            return engine.error();
        }
        // Clear first: the partial unique index allows one default row at any moment.
        if (auto cleared = m_db.run(QStringLiteral("UPDATE engines SET is_default = 0 WHERE is_default = 1"));
            !cleared) {
            return cleared;
        }
        if (auto set = m_db.run(QStringLiteral("UPDATE engines SET is_default = 1 WHERE id = ?"), {id}); !set) {
            return set;
        }
        return {};
    });
}

Result<std::optional<EngineRecord>> EngineStore::defaultEngine() const
{
    auto found = select(QStringLiteral("WHERE is_default = 1"), {});
    if (!found) {
        return found.error();
    }
    if (found->isEmpty()) {
        return std::optional<EngineRecord> {};
    }
    return std::optional<EngineRecord> {found->first()};
}

} // namespace Knot
