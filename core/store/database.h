#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <memory>

namespace Knot {

// One SQLite file opened through QtSql, migrated to the schema this binary knows.
//
// Each instance owns its own named QtSql connection (no default connection), so several
// databases can be open at once, e.g. in tests. Like every QtSql connection it must be used
// only from the thread that opened it. Stores (TemplateStore, SpaceStore, …) borrow it.
class Database
{
public:
    // The schema version this binary creates and understands (PRAGMA user_version).
    static constexpr int SchemaVersion = 2;

    // `--db PATH` if given, else $KNOT_DESKTOP_DB, else defaultPath().
    static QString resolvePath(const QString& cliOverride);
    // <XDG data folder>/knot-desktop/knot.db
    static QString defaultPath();

    // Opens (creating the file and its folder if needed) and migrates. A file whose schema is
    // newer than SchemaVersion is refused and left untouched.
    static Result<std::unique_ptr<Database>> open(const QString& path);

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const QString& path() const { return m_path; }
    Result<int> schemaVersion() const;

    // Prepares, binds `values` positionally and runs one statement. The returned query is
    // positioned before the first row. An invalid QVariant binds NULL; a null QString binds ''.
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& values = {}) const;
    // exec() for statements whose rows do not matter.
    VoidResult run(const QString& sql, const QVariantList& values = {}) const;
    // run() for an UPDATE or DELETE of one record: NotFound(notFound) when no row changed.
    VoidResult change(const QString& sql, const QVariantList& values, const QString& notFound) const;

    // The first of `found`, or NotFound(notFound) when there is none.
    template <typename T>
    static Result<T> single(const Result<QList<T>>& found, const QString& notFound)
    {
        if (!found) {
            return found.error();
        }
        if (found->isEmpty()) {
            return Error::notFound(notFound);
        }
        return found->first();
    }

    // Runs `work` in a transaction: committed when it returns ok, rolled back on error. Nested
    // calls become savepoints, so a store method that uses a transaction can itself be part of
    // a caller's larger one.
    VoidResult transaction(const std::function<VoidResult()>& work);

    // Conventions shared by the stores: UUID ids without braces, UTC ISO-8601 timestamps with
    // milliseconds, NULL (an invalid QVariant) for "not set".
    static QString newId();
    static QVariant toTimestamp(const QDateTime& time);
    static QDateTime fromTimestamp(const QVariant& value);
    static QVariant nullIfEmpty(const QString& text);

private:
    Database(QString path, QString connectionName);

    VoidResult configure();
    VoidResult migrate();

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_transactionDepth = 0;
};

} // namespace Knot
