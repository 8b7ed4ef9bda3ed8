#include "clicontext.h"

#include "core/space/enginemanager.h"
#include "core/space/reconciler.h"
#include "core/space/spaceservice.h"
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

Result<EngineManager*> CliContext::engines()
{
    if (!m_engines) {
        auto db = database();
        if (!db) {
            return db.error();
        }
        m_engines = std::make_unique<EngineManager>(**db);
        m_engines->setDefaultOverride(m_engineOverride);
    }
    return m_engines.get();
}

Result<SpaceService*> CliContext::spaces()
{
    if (!m_spaces) {
        auto engines = this->engines();
        if (!engines) {
            return engines.error();
        }
        m_spaces = std::make_unique<SpaceService>(*m_database, **engines);
    }
    return m_spaces.get();
}

Result<Reconciler*> CliContext::reconciler()
{
    if (!m_reconciler) {
        auto service = spaces();
        if (!service) {
            return service.error();
        }
        m_reconciler = std::make_unique<Reconciler>(**service, *m_engines);
    }
    return m_reconciler.get();
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

void CliContext::printRecord(const QJsonObject& record, const QStringList& keys)
{
    if (m_json) {
        printJson(record);
        return;
    }
    for (const auto& key : keys) {
        const QString value = record.value(key).toVariant().toString();
        if (!value.isEmpty()) {
            m_out << QString(key + u':').leftJustified(18) << value << '\n';
        }
    }
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
    // Not addHelpOption(): it would also offer Qt's own options (--help-all).
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("show this help"));
    parser.addOption(help);
    // The command name stands where a program name would.
    if (!parser.parse(arguments)) {
        m_exitCode = usage(parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        // Qt names the program in the usage line; the command words belong there too.
        QString text = parser.helpText();
        const qsizetype usageEnd = text.indexOf(u" [options]");
        if (text.startsWith(u"Usage: ") && usageEnd > 0) {
            text.replace(7, usageEnd - 7, u"knot-cli " + arguments.value(0));
        }
        m_out << text;
        m_exitCode = Success;
        return false;
    }
    return true;
}

} // namespace Knot
