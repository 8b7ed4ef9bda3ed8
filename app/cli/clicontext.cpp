#include "clicontext.h"

#include "core/store/database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Knot {

CliContext::CliContext(QString databaseOverride, bool json, QTextStream& out, QTextStream& err)
    : m_databaseOverride(std::move(databaseOverride)), m_json(json), m_out(out), m_err(err)
{ }

CliContext::~CliContext() = default;

Result<Database*> CliContext::database()
{
    if (!m_database) {
        auto opened = Database::open(Database::resolvePath(m_databaseOverride));
        if (!opened) {
            return opened.error();
        }
        m_database = std::move(opened.value());
    }
    return m_database.get();
}

int CliContext::fail(const Error& error)
{
    m_err << "knot-cli: " << error.toString() << '\n';
    m_err.flush();
    switch (error.kind) {
    case Error::Kind::Invalid:
        return InvalidInput;
    case Error::Kind::NotFound:
        return NotFound;
    case Error::Kind::Conflict:
        return Conflict;
    case Error::Kind::Engine:
    case Error::Kind::Unreachable:
        return EngineError;
    default:
        return Failure;
    }
}

int CliContext::usage(const QString& message)
{
    m_err << "knot-cli: " << message << "\nTry 'knot-cli --help'.\n";
    m_err.flush();
    return UsageError;
}

void CliContext::printJson(const QJsonValue& value)
{
    const auto document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

void CliContext::finish(int exitCode)
{
    m_out.flush();
    m_err.flush();
    QCoreApplication::exit(exitCode);
}

bool CliContext::parse(QCommandLineParser& parser, const QStringList& arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    // The command name stands where a program name would.
    if (!parser.parse(arguments)) {
        usage(parser.errorText());
        return false;
    }
    return true;
}

} // namespace Knot
