#include "core/store/database.h"

#include "core/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>
#include <QUuid>

#include <array>

namespace Knot {

namespace {

// Migration N brings user_version from N-1 to N. Append only: never edit a shipped migration.
//
// Repeated children (template ports and custom fields, space additional names, custom fields and
// volume records) are child tables rather than JSON: names must be unique and searchable in SQL,
// and list() fetches each table in one query. Fixed-size structs (features, VNC settings) are
// plain columns. Child rows carry a position so lists come back in the order they were saved.
const QStringList migration1 = {
    QStringLiteral(R"(CREATE TABLE templates (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        icon TEXT NOT NULL DEFAULT '',
        platform TEXT NOT NULL,
        job TEXT NOT NULL DEFAULT '',
        volumes TEXT NOT NULL DEFAULT '',
        feature_terminal INTEGER NOT NULL,
        feature_code_server INTEGER NOT NULL,
        feature_vscode_tunnel INTEGER NOT NULL,
        feature_ssh INTEGER NOT NULL,
        feature_run_command INTEGER NOT NULL,
        vnc_enabled INTEGER NOT NULL DEFAULT 0,
        vnc_port INTEGER NOT NULL DEFAULT 0,
        vnc_transport TEXT NOT NULL DEFAULT '',
        vnc_password TEXT NOT NULL DEFAULT '',
        code_server_port INTEGER NOT NULL,
        pull_policy TEXT NOT NULL,
        extra_yaml TEXT NOT NULL DEFAULT '',
        created_at TEXT,
        updated_at TEXT))"),
    QStringLiteral("CREATE UNIQUE INDEX templates_name ON templates(lower(name))"),
    QStringLiteral(R"(CREATE TABLE template_ports (
        template_id TEXT NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        port INTEGER NOT NULL,
        protocol TEXT NOT NULL,
        PRIMARY KEY (template_id, position)))"),
    QStringLiteral(R"(CREATE TABLE template_custom_fields (
        template_id TEXT NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (template_id, position)))"),
    QStringLiteral(R"(CREATE TABLE template_variables (
        name TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL DEFAULT '',
        is_secret INTEGER NOT NULL DEFAULT 0))"),
    QStringLiteral(R"(CREATE TABLE engines (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        kind TEXT NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0))"),
    // At most one default engine.
    QStringLiteral("CREATE UNIQUE INDEX engines_default ON engines(is_default) WHERE is_default = 1"),
    // A template or engine still used by a space cannot be deleted (RESTRICT): its spaces'
    // containers and volumes would be orphaned. NULL engine_id = the default engine.
    QStringLiteral(R"(CREATE TABLE spaces (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        icon TEXT NOT NULL DEFAULT '',
        template_id TEXT NOT NULL REFERENCES templates(id) ON DELETE RESTRICT,
        engine_id TEXT REFERENCES engines(id) ON DELETE RESTRICT,
        shell TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        container_id TEXT NOT NULL DEFAULT '',
        started_hash TEXT NOT NULL DEFAULT '',
        ever_started INTEGER NOT NULL DEFAULT 0,
        created_at TEXT,
        started_at TEXT))"),
    QStringLiteral("CREATE UNIQUE INDEX spaces_name ON spaces(lower(name))"),
    QStringLiteral("CREATE INDEX spaces_template ON spaces(template_id)"),
    QStringLiteral("CREATE INDEX spaces_engine ON spaces(engine_id)"),
    QStringLiteral(R"(CREATE TABLE space_additional_names (
        space_id TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        port INTEGER NOT NULL,
        PRIMARY KEY (space_id, position)))"),
    QStringLiteral("CREATE UNIQUE INDEX space_additional_names_name ON space_additional_names(lower(name))"),
    QStringLiteral(R"(CREATE TABLE space_custom_fields (
        space_id TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (space_id, name)))"),
    QStringLiteral(R"(CREATE TABLE space_volumes (
        space_id TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (space_id, position)))"),
    // Names are unique across space names and additional names (case-insensitive). The unique
    // indexes cover each table; these triggers cover one table against the other, so even two
    // processes writing at once (desktop and CLI) cannot both take a name.
    QStringLiteral(R"(CREATE TRIGGER spaces_name_insert BEFORE INSERT ON spaces
        WHEN EXISTS (SELECT 1 FROM space_additional_names
                     WHERE lower(name) = lower(NEW.name) AND space_id <> NEW.id)
        BEGIN SELECT RAISE(ABORT, 'space name is already taken by an additional name'); END)"),
    QStringLiteral(R"(CREATE TRIGGER spaces_name_update BEFORE UPDATE OF name ON spaces
        WHEN EXISTS (SELECT 1 FROM space_additional_names
                     WHERE lower(name) = lower(NEW.name) AND space_id <> NEW.id)
        BEGIN SELECT RAISE(ABORT, 'space name is already taken by an additional name'); END)"),
    QStringLiteral(R"(CREATE TRIGGER space_additional_names_insert BEFORE INSERT ON space_additional_names
        WHEN EXISTS (SELECT 1 FROM spaces WHERE lower(name) = lower(NEW.name) AND id <> NEW.space_id)
        BEGIN SELECT RAISE(ABORT, 'additional name is already taken by a space'); END)"),
    QStringLiteral(R"(CREATE TRIGGER space_additional_names_update BEFORE UPDATE OF name ON space_additional_names
        WHEN EXISTS (SELECT 1 FROM spaces WHERE lower(name) = lower(NEW.name) AND id <> NEW.space_id)
        BEGIN SELECT RAISE(ABORT, 'additional name is already taken by a space'); END)"),
    QStringLiteral(R"(CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL))"),
};

// knot's allow_node_migration: kept so export and the template hash round-trip.
const QStringList migration2 = {
    QStringLiteral("ALTER TABLE templates ADD COLUMN feature_node_migration INTEGER NOT NULL DEFAULT 0"),
};

const std::array<const QStringList*, Database::SchemaVersion> migrations = {&migration1, &migration2};

Error sqlError(const QString& message, const QSqlError& error)
{
    // databaseText is SQLite's own message; driverText only adds Qt's "Unable to fetch row".
    return Error::database(message, error.databaseText().isEmpty() ? error.text() : error.databaseText());
}

} // namespace

QString Database::defaultPath()
{
    // AppDataLocation includes the organization and application names; build the folder from
    // GenericDataLocation instead so the path does not depend on how the app object is named.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
           + QStringLiteral("/knot-desktop/knot.db");
}

QString Database::resolvePath(const QString& cliOverride)
{
    if (!cliOverride.isEmpty()) {
        return cliOverride;
    }
    const QString fromEnvironment = qEnvironmentVariable("KNOT_DESKTOP_DB");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    return defaultPath();
}

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName))
{ }

Database::~Database()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const QString& path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return Error::io(QStringLiteral("Could not create the folder for the database %1").arg(path),
                         info.absolutePath());
    }
    const QString connectionName = QStringLiteral("knot-store-") + newId();
    std::unique_ptr<Database> db(new Database(info.absoluteFilePath(), connectionName));
    db->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db->m_db.setDatabaseName(db->m_path);
    if (!db->m_db.open()) {
        return sqlError(QStringLiteral("Could not open the database %1").arg(path), db->m_db.lastError());
    }
    if (auto configured = db->configure(); !configured) {
        return configured.error();
    }
    if (auto migrated = db->migrate(); !migrated) {
        return migrated.error();
    }
    return db;
}

VoidResult Database::configure()
{
    // Connection settings only: none of these write to the file, so a database that migrate()
    // refuses stays byte-for-byte as it was.
    //   foreign_keys: SQLite leaves them off per connection unless asked.
    //   busy_timeout: the desktop app and knot-cli may write at the same moment; wait for the
    //   other writer instead of failing at once.
    for (const auto* pragma : {u"PRAGMA foreign_keys = ON", u"PRAGMA busy_timeout = 5000"}) {
        if (auto done = exec(QString::fromUtf16(pragma)); !done) {
            return done.error();
        }
    }
    return {};
}

Result<int> Database::schemaVersion() const
{
    auto query = exec(QStringLiteral("PRAGMA user_version"));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return Error::database(QStringLiteral("Could not read the schema version of %1").arg(m_path));
    }
    return query->value(0).toInt();
}

VoidResult Database::migrate()
{
    // Reading the version is the first access to the file: it also catches a file that is not
    // a database at all.
    const auto found = schemaVersion();
    if (!found) {
        return found.error();
    }
    if (*found > SchemaVersion) {
        return Error::database(QStringLiteral("The database %1 has schema version %2; this Knot Desktop understands up "
                                              "to %3 — upgrade the app")
                                   .arg(m_path)
                                   .arg(*found)
                                   .arg(SchemaVersion));
    }

    // WAL: readers (the UI) never wait for the writer, and a killed process leaves at most an
    // uncommitted tail in the log, which SQLite discards on the next open.
    // synchronous=NORMAL: in WAL mode a commit is then safe against application crashes (the
    // log is in the OS cache); only an OS crash or power loss may lose the last commits, never
    // consistency. FULL would fsync on every commit, which state updates do often.
    auto mode = exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode) {
        return mode.error();
    }
    if (mode->next() && mode->value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0) {
        qCWarning(lcStore) << "SQLite refused WAL mode for" << m_path << "and uses" << mode->value(0).toString();
    }
    mode = QSqlQuery(); // a finished statement; keeps the result set from pinning a read lock
    if (auto sync = exec(QStringLiteral("PRAGMA synchronous = NORMAL")); !sync) {
        return sync.error();
    }

    // Each migration runs in its own transaction, and re-reads the version inside it: another
    // process may have migrated the file in the meantime.
    for (int target = *found + 1; target <= SchemaVersion; ++target) {
        auto migrated = transaction([this, target]() -> VoidResult {
            const auto current = schemaVersion();
            if (!current) {
                return current.error();
            }
            if (*current >= target) {
                return {};
            }
            for (const QString& statement : *migrations[target - 1]) {
                if (auto done = exec(statement); !done) {
                    return done.error();
                }
            }
            if (auto done = exec(QStringLiteral("PRAGMA user_version = %1").arg(target)); !done) {
                return done.error();
            }
            qCInfo(lcStore) << "Migrated" << m_path << "to schema version" << target;
            return {};
        });
        if (!migrated) {
            return Error::database(
                QStringLiteral("Could not upgrade the database %1 to schema version %2").arg(m_path).arg(target),
                migrated.error().detail.isEmpty() ? migrated.error().message : migrated.error().detail);
        }
    }
    return {};
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& values) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        qCWarning(lcStore) << "Could not prepare" << sql << query.lastError().text();
        return sqlError(QStringLiteral("The database %1 could not be read").arg(m_path), query.lastError());
    }
    for (const QVariant& value : values) {
        // QtSql binds a null QString as NULL; the model's "unset" text is empty, not NULL.
        // Only an invalid QVariant (nullIfEmpty, toTimestamp) stands for NULL.
        const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
        query.addBindValue(nullText ? QVariant(QStringLiteral("")) : value);
    }
    if (!query.exec()) {
        qCWarning(lcStore) << "Statement failed:" << sql << query.lastError().text();
        return sqlError(QStringLiteral("The database %1 could not be read or written").arg(m_path), query.lastError());
    }
    return query;
}

VoidResult Database::run(const QString& sql, const QVariantList& values) const
{
    if (auto done = exec(sql, values); !done) {
        return done.error();
    }
    return {};
}

VoidResult Database::change(const QString& sql, const QVariantList& values, const QString& notFound) const
{
    auto done = exec(sql, values);
    if (!done) {
        return done.error();
    }
    if (done->numRowsAffected() == 0) {
        return Error::notFound(notFound);
    }
    return {};
}

VoidResult Database::transaction(const std::function<VoidResult()>& work)
{
    // IMMEDIATE takes the write lock up front, so busy_timeout applies here rather than a
    // deadlock error when a read transaction later tries to write.
    const QString savepoint = QStringLiteral("knot_%1").arg(m_transactionDepth);
    const bool outermost = m_transactionDepth == 0;
    if (auto begun = exec(outermost ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("SAVEPOINT ") + savepoint);
        !begun) {
        return begun.error();
    }
    ++m_transactionDepth;
    VoidResult result = work();
    --m_transactionDepth;

    if (result) {
        auto committed = exec(outermost ? QStringLiteral("COMMIT") : QStringLiteral("RELEASE ") + savepoint);
        if (committed) {
            return {};
        }
        result = committed.error();
    }
    // ROLLBACK TO keeps the savepoint open; RELEASE then removes it.
    const QStringList undo =
        outermost ? QStringList {QStringLiteral("ROLLBACK")}
                  : QStringList {QStringLiteral("ROLLBACK TO ") + savepoint, QStringLiteral("RELEASE ") + savepoint};
    for (const QString& statement : undo) {
        if (auto undone = exec(statement); !undone) {
            qCWarning(lcStore) << "Rollback failed:" << undone.error().toString();
            break;
        }
    }
    return result;
}

QString Database::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QVariant Database::toTimestamp(const QDateTime& time)
{
    if (!time.isValid()) {
        return {};
    }
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime Database::fromTimestamp(const QVariant& value)
{
    if (value.isNull()) {
        return {};
    }
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QVariant Database::nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

} // namespace Knot
