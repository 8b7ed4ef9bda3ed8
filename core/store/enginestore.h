#pragma once

#include "core/model/enginerecord.h"
#include "core/result.h"

#include <QList>

#include <optional>

namespace Knot {

class Database;

// Registered container engines. At most one is the default; the first engine added becomes it.
class EngineStore
{
public:
    explicit EngineStore(Database& db) : m_db(db) { }

    Result<QList<EngineRecord>> list() const; // ordered by name
    Result<EngineRecord> get(const QString& id) const;
    // Generates the id when empty. Becomes the default when isDefault is set or when there is
    // no default yet; returns the stored record.
    Result<EngineRecord> add(EngineRecord engine);
    // Name, endpoint and kind (the default flag changes through setDefault only).
    VoidResult update(const EngineRecord& engine);
    // Refused with a Conflict error while spaces run on the engine.
    VoidResult remove(const QString& id);
    VoidResult setDefault(const QString& id);
    // Empty when no engine is registered.
    Result<std::optional<EngineRecord>> defaultEngine() const;

private:
    Result<QList<EngineRecord>> select(const QString& where, const QVariantList& values) const;

    Database& m_db;
};

} // namespace Knot
