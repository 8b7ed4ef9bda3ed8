#pragma once

#include "core/error.h"
#include "core/result.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QTextStream>

#include <functional>
#include <memory>

namespace Knot {

class Database;

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

    bool json() const { return m_json; }
    const QString& databaseOverride() const { return m_databaseOverride; }
    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }

    // Prints "knot-cli: <message>" on stderr and returns the exit code for the error's kind.
    int fail(const Error& error);
    int usage(const QString& message);
    void printJson(const QJsonValue& value);

    // For commands that return Pending: ends the event loop with this exit code.
    void finish(int exitCode);

    // Parses a command's own arguments; prints the error and returns false on a bad command line.
    bool parse(QCommandLineParser& parser, const QStringList& arguments);

private:
    QString m_databaseOverride;
    bool m_json = false;
    QTextStream& m_out;
    QTextStream& m_err;
    std::unique_ptr<Database> m_database;
};

} // namespace Knot
