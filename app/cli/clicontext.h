#pragma once

#include "core/error.h"
#include "core/result.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QJsonValue>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace Knot {

class Database;
class EngineManager;
class Reconciler;
class SpaceService;

// What every command of the command-line tool shares: the output mode, the streams, the exit code
// convention, and how an asynchronous command reports that it has finished.
class CliContext
{
public:
    // Exit codes, documented in --help: scripts branch on them.
    enum ExitCode
    {
        Success = 0,
        Failure = 1,      // anything not listed below
        UsageError = 2,   // bad command line
        InvalidInput = 3, // a template, spec or name the user wrote is wrong
        NotFound = 4,     // no such template, space, engine or variable
        Conflict = 5,     // not allowed in the current state (in use, running, name taken)
        EngineError = 6,  // the engine is unreachable or answered with an error
        Pending = -1,     // returned by a command that finishes later through finish()
    };

    CliContext(QString databaseOverride, bool json, QTextStream& out, QTextStream& err);
    ~CliContext();

    // The database chosen by --db, $KNOT_DESKTOP_DB or the default, opened on first use.
    Result<Database*> database();

    // The engine endpoint given by --engine or $KNOT_DESKTOP_ENGINE: the default engine then,
    // instead of EngineManager's search (and never the embedded Podman).
    void setEngineOverride(const QString& endpoint) { m_engineOverride = endpoint; }
    const QString& engineOverride() const { return m_engineOverride; }
    // The space machinery the app uses, made on first use over database().
    Result<EngineManager*> engines();
    Result<SpaceService*> spaces();
    Result<Reconciler*> reconciler();

    bool json() const { return m_json; }
    const QString& databaseOverride() const { return m_databaseOverride; }
    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }

    // Prints "knot-cli: <message>" on stderr and returns the exit code for the error's kind.
    int fail(const Error& error);
    int usage(const QString& message);
    void printJson(const QJsonValue& value);
    // One object: its JSON with --json, else `key: value` lines for `keys` (empty values left out).
    void printRecord(const QJsonObject& record, const QStringList& keys);

    // For commands that return Pending: ends the event loop with this exit code.
    void finish(int exitCode);

    // Parses a command's own arguments. Returns false when the command should end at once with
    // exitCode(): a bad command line (the error printed) or --help (the command's help printed).
    bool parse(QCommandLineParser& parser, const QStringList& arguments);

    // For commands acting on one object named by id or name ("template show NAME"): parses the
    // arguments, which must hold exactly that name, opens the database and looks it up with
    // `find`. On failure prints why and returns nullopt; exitCode() then says how to end.
    template <typename T>
    std::optional<T> findNamed(QCommandLineParser& parser,
                               const QStringList& arguments,
                               const QString& usageMessage,
                               const std::function<Result<T>(Database&, const QString&)>& find)
    {
        if (!parse(parser, arguments)) {
            return std::nullopt;
        }
        if (parser.positionalArguments().size() != 1) {
            m_exitCode = usage(usageMessage);
            return std::nullopt;
        }
        auto db = database();
        if (!db) {
            m_exitCode = fail(db.error());
            return std::nullopt;
        }
        auto found = find(**db, parser.positionalArguments().first());
        if (!found) {
            m_exitCode = fail(found.error());
            return std::nullopt;
        }
        return std::move(found.value());
    }
    // The exit code of the last failed findNamed().
    int exitCode() const { return m_exitCode; }

private:
    QString m_databaseOverride;
    bool m_json = false;
    QTextStream& m_out;
    QTextStream& m_err;
    QString m_engineOverride;
    int m_exitCode = Success;
    // Destroyed in reverse: the reconciler and service before the engines, all before the database.
    std::unique_ptr<Database> m_database;
    std::unique_ptr<EngineManager> m_engines;
    std::unique_ptr<SpaceService> m_spaces;
    std::unique_ptr<Reconciler> m_reconciler;
};

} // namespace Knot
