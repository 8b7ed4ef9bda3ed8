#include "core/store/database.h"
#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "storefixtures.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

using namespace Knot;
using StoreFixtures::openDatabase;

namespace {

// The crash-safety test re-runs this binary as a writer process when this is set (to the
// database path); KNOT_TEST_CRASH_TEMPLATE names the template its spaces use.
constexpr auto writerVariable = "KNOT_TEST_CRASH_WRITER";
constexpr auto templateVariable = "KNOT_TEST_CRASH_TEMPLATE";

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QString firstValue(Database& db, const QString& sql)
{
    auto query = db.exec(sql);
    if (!query || !query->next()) {
        return QStringLiteral("<no value>");
    }
    return query->value(0).toString();
}

// Writer mode: inserts spaces (each with children, in its own transaction) and updates states
// as fast as it can, printing each space id once its transaction has committed, until killed.
int runCrashWriter()
{
    auto db = openDatabase(qEnvironmentVariable(writerVariable));
    if (!db) {
        return 2;
    }
    SpaceStore spaces(*db);
    const QString templateId = qEnvironmentVariable(templateVariable);
    for (int i = 0; i < 1000000; ++i) {
        const auto inserted =
            spaces.insert(StoreFixtures::fullSpace(templateId, QStringLiteral("w") + Database::newId()));
        if (!inserted) {
            std::fprintf(stderr, "%s\n", qPrintable(inserted.error().toString()));
            return 3;
        }
        std::printf("%s\n", qPrintable(inserted->id));
        std::fflush(stdout);
        if (auto updated = spaces.setState(inserted->id, SpaceState::Running); !updated) {
            std::fprintf(stderr, "%s\n", qPrintable(updated.error().toString()));
            return 3;
        }
    }
    return 0;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void migratesAnEmptyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nested/folder/knot.db"));
        auto db = openDatabase(path);
        QVERIFY(db);
        QVERIFY(QFile::exists(path));
        QCOMPARE(db->path(), path);
        const auto version = db->schemaVersion();
        QVERIFY_RESULT(version);
        QCOMPARE(*version, Database::SchemaVersion);

        auto tables = db->exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        QVERIFY_RESULT(tables);
        QStringList names;
        while (tables->next()) {
            names.append(tables->value(0).toString());
        }
        const QStringList expected = {QStringLiteral("engines"),
                                      QStringLiteral("settings"),
                                      QStringLiteral("space_additional_names"),
                                      QStringLiteral("space_custom_fields"),
                                      QStringLiteral("space_volumes"),
                                      QStringLiteral("spaces"),
                                      QStringLiteral("template_custom_fields"),
                                      QStringLiteral("template_ports"),
                                      QStringLiteral("template_variables"),
                                      QStringLiteral("templates")};
        QCOMPARE(names, expected);

        QCOMPARE(firstValue(*db, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
        QCOMPARE(firstValue(*db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
        QCOMPARE(firstValue(*db, QStringLiteral("PRAGMA synchronous")), QStringLiteral("1")); // NORMAL
        QCOMPARE(firstValue(*db, QStringLiteral("PRAGMA busy_timeout")), QStringLiteral("5000"));
    }

    void reopensWithoutMigratingAgain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        {
            auto db = openDatabase(path);
            QVERIFY(db);
            QVERIFY_RESULT(db->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('kept', 'yes')")));
        }
        auto db = openDatabase(path);
        QVERIFY(db);
        QCOMPARE(firstValue(*db, QStringLiteral("SELECT value FROM settings WHERE key = 'kept'")),
                 QStringLiteral("yes"));
        QCOMPARE(*db->schemaVersion(), Database::SchemaVersion);
    }

    void migratesAVersionOneFileKeepingItsTemplates()
    {
        // A file written by the first release: the node-migration column did not exist yet.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        {
            auto db = openDatabase(path);
            QVERIFY(db);
            QVERIFY_RESULT(TemplateStore(*db).insert(StoreFixtures::fullTemplate(QStringLiteral("Old"))));
            QVERIFY_RESULT(db->exec(QStringLiteral("ALTER TABLE templates DROP COLUMN feature_node_migration")));
            QVERIFY_RESULT(db->exec(QStringLiteral("PRAGMA user_version = 1")));
        }
        auto db = openDatabase(path);
        QVERIFY(db);
        QCOMPARE(*db->schemaVersion(), Database::SchemaVersion);
        const auto old = TemplateStore(*db).getByName(QStringLiteral("Old"));
        QVERIFY_RESULT(old);
        QCOMPARE(old->description, QStringLiteral("Description of Old"));
        QVERIFY(!old->features.nodeMigration);
    }

    void opensTheSameFileTwice()
    {
        // Each instance has its own connection: two at once must not replace each other.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        auto first = openDatabase(path);
        auto second = openDatabase(path);
        QVERIFY(first && second);
        QVERIFY_RESULT(first->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('a', '1')")));
        QCOMPARE(firstValue(*second, QStringLiteral("SELECT value FROM settings WHERE key = 'a'")),
                 QStringLiteral("1"));
        first.reset();
        QCOMPARE(firstValue(*second, QStringLiteral("SELECT count(*) FROM settings")), QStringLiteral("1"));
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        {
            auto db = openDatabase(path);
            QVERIFY(db);
            QVERIFY_RESULT(db->exec(QStringLiteral("PRAGMA user_version = 7")));
        }
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());

        const auto reopened = Database::open(path);
        QVERIFY(!reopened.ok());
        QCOMPARE(reopened.error().kind, Error::Kind::Database);
        QVERIFY2(reopened.error().message.contains(QStringLiteral("has schema version 7; this Knot Desktop "
                                                                  "understands up to %1 — upgrade the app")
                                                       .arg(Database::SchemaVersion)),
                 qPrintable(reopened.error().message));
        QVERIFY(reopened.error().message.contains(path));
        QCOMPARE(fileHash(path), before);
    }

    void refusesAFileThatIsNotADatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const QByteArray before = fileHash(path);

        const auto opened = Database::open(path);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().kind, Error::Kind::Database);
        QVERIFY2(!opened.error().detail.isEmpty(), qPrintable(opened.error().toString()));
        QCOMPARE(fileHash(path), before);
    }

    void resolvesThePath()
    {
        const QByteArray saved = qgetenv("KNOT_DESKTOP_DB");
        qputenv("KNOT_DESKTOP_DB", "/from/environment.db");
        QCOMPARE(Database::resolvePath(QStringLiteral("/from/cli.db")), QStringLiteral("/from/cli.db"));
        QCOMPARE(Database::resolvePath({}), QStringLiteral("/from/environment.db"));
        qunsetenv("KNOT_DESKTOP_DB");
        QCOMPARE(Database::resolvePath({}), Database::defaultPath());
        QVERIFY2(Database::defaultPath().endsWith(QStringLiteral("/knot-desktop/knot.db")),
                 qPrintable(Database::defaultPath()));
        QVERIFY(
            Database::defaultPath().startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)));
        if (!saved.isNull()) {
            qputenv("KNOT_DESKTOP_DB", saved);
        }
    }

    void transactionCommitsOrRollsBack()
    {
        QTemporaryDir dir;
        auto db = openDatabase(dir.filePath(QStringLiteral("knot.db")));
        QVERIFY(db);
        const auto insert = [&db](const QString& key) -> VoidResult {
            auto done = db->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, 'v')"), {key});
            if (!done) {
                return done.error();
            }
            return {};
        };

        QVERIFY_RESULT(db->transaction([&] { return insert(QStringLiteral("committed")); }));
        const auto failed = db->transaction([&]() -> VoidResult {
            if (auto done = insert(QStringLiteral("rolled-back")); !done) {
                return done;
            }
            return Error::invalid(QStringLiteral("changed my mind"));
        });
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().message, QStringLiteral("changed my mind"));

        // A failing statement rolls back the statements before it, with the SQL error as detail.
        const auto broken = db->transaction([&]() -> VoidResult {
            if (auto done = insert(QStringLiteral("before-duplicate")); !done) {
                return done;
            }
            return insert(QStringLiteral("committed"));
        });
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().kind, Error::Kind::Database);
        QVERIFY2(broken.error().detail.contains(QStringLiteral("UNIQUE")), qPrintable(broken.error().detail));

        // Nested: an inner failure undoes only the inner part when the outer one goes on.
        QVERIFY_RESULT(db->transaction([&]() -> VoidResult {
            if (auto done = insert(QStringLiteral("outer")); !done) {
                return done;
            }
            const auto inner = db->transaction([&]() -> VoidResult {
                if (auto done = insert(QStringLiteral("inner")); !done) {
                    return done;
                }
                return Error::invalid(QStringLiteral("inner fails"));
            });
            return inner.ok() ? Error::invalid(QStringLiteral("inner should have failed")) : VoidResult();
        }));

        auto keys = db->exec(QStringLiteral("SELECT key FROM settings ORDER BY key"));
        QVERIFY_RESULT(keys);
        QStringList found;
        while (keys->next()) {
            found.append(keys->value(0).toString());
        }
        QCOMPARE(found, (QStringList {QStringLiteral("committed"), QStringLiteral("outer")}));
    }

    // A writer killed with SIGKILL in the middle of its transactions leaves a database that
    // passes the integrity check and holds every space it reported as committed, each whole.
    void survivesAKilledWriter()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("knot.db"));
        QString templateId;
        {
            auto db = openDatabase(path);
            QVERIFY(db);
            TemplateStore templates(*db);
            const auto tmpl = templates.insert(StoreFixtures::fullTemplate(QStringLiteral("crash")));
            QVERIFY_RESULT(tmpl);
            templateId = tmpl->id;
        }

        QSet<QString> committed;
        int rounds = 0;
        for (const int killAfter : {1, 25, 150, 60}) {
            ++rounds;
            QProcess writer;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QString::fromLatin1(writerVariable), path);
            env.insert(QString::fromLatin1(templateVariable), templateId);
            writer.setProcessEnvironment(env);
            writer.start(QCoreApplication::applicationFilePath(), {});
            QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));

            int reported = 0;
            QByteArray pending;
            const auto collect = [&] {
                pending += writer.readAllStandardOutput();
                qsizetype newline;
                while ((newline = pending.indexOf('\n')) >= 0) {
                    committed.insert(QString::fromLatin1(pending.left(newline)));
                    pending.remove(0, newline + 1);
                    ++reported;
                }
            };
            while (reported < killAfter) {
                if (!writer.waitForReadyRead(60000)) {
                    QFAIL(qPrintable(QStringLiteral("the writer stopped after %1 spaces: %2")
                                         .arg(reported)
                                         .arg(QString::fromLocal8Bit(writer.readAllStandardError()))));
                }
                collect();
            }
            writer.kill(); // SIGKILL
            QVERIFY(writer.waitForFinished(60000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            collect(); // ids printed between the last read and the kill were committed too

            auto db = openDatabase(path);
            QVERIFY(db);
            QCOMPARE(firstValue(*db, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
            QCOMPARE(firstValue(*db, QStringLiteral("PRAGMA foreign_key_check")), QStringLiteral("<no value>"));
            const auto spaces = SpaceStore(*db).list();
            QVERIFY_RESULT(spaces);
            QSet<QString> stored;
            for (const Space& space : *spaces) {
                stored.insert(space.id);
                // Each space was written in one transaction: all of its children or none.
                QCOMPARE(space.additionalNames.size(), 2);
                QCOMPARE(space.customFields.size(), 2);
                QCOMPARE(space.volumeRecords.size(), 2);
            }
            for (const QString& id : std::as_const(committed)) {
                QVERIFY2(stored.contains(id), qPrintable(QStringLiteral("committed space %1 is missing").arg(id)));
            }
            // Per round, at most the transaction in flight when the writer died may have committed
            // without being reported.
            QVERIFY2(stored.size() - committed.size() <= rounds,
                     qPrintable(QStringLiteral("%1 stored, %2 reported").arg(stored.size()).arg(committed.size())));
        }
    }
};

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(writerVariable)) {
        return runCrashWriter();
    }
    TestDatabase test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_database.moc"
