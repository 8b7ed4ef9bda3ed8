#include "core/template/templatedocument.h"

#include "core/template/yamlreader.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSaveFile>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>

namespace Knot {

namespace {

constexpr int MaxNameLength = 64;
constexpr int MaxDescriptionLength = 256;

const QStringList KnownKeys {
    QStringLiteral("name"),
    QStringLiteral("description"),
    QStringLiteral("icon"),
    QStringLiteral("icon_url"),
    QStringLiteral("platform"),
    QStringLiteral("job"),
    QStringLiteral("volumes"),
    QStringLiteral("ports"),
    QStringLiteral("custom_fields"),
    QStringLiteral("features"),
    QStringLiteral("vnc"),
    QStringLiteral("code_server_port"),
    QStringLiteral("pull_policy"),
};

struct FeatureKey
{
    const char* key;
    bool TemplateFeatures::*flag;
};

const FeatureKey FeatureKeys[] = {
    {"with_terminal", &TemplateFeatures::terminal},
    {"with_code_server", &TemplateFeatures::codeServer},
    {"with_vscode_tunnel", &TemplateFeatures::vscodeTunnel},
    {"with_ssh", &TemplateFeatures::ssh},
    {"with_run_command", &TemplateFeatures::runCommand},
    {"allow_node_migration", &TemplateFeatures::nodeMigration},
};

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

Diagnostic makeDiagnostic(const QString& field, const QString& message, Diagnostic::Severity severity)
{
    Diagnostic diagnostic;
    diagnostic.severity = severity;
    diagnostic.field = field;
    diagnostic.message = message;
    return diagnostic;
}

bool inPortRange(int port)
{
    return port >= 1 && port <= 65535;
}

// A scalar as YAML text, quoted when a plain scalar would read back as something else.
QString scalar(const QString& text)
{
    static const QRegularExpression nonString(
        QStringLiteral("^(|~|null|true|false|yes|no|on|off|[-+]?[0-9][0-9_.eExXoO+-]*|[-+]?\\.inf|\\.nan)$"),
        QRegularExpression::CaseInsensitiveOption);
    YAML::Emitter emitter;
    if (nonString.match(text).hasMatch()) {
        emitter << YAML::DoubleQuoted;
    }
    emitter << text.toStdString();
    return QString::fromUtf8(emitter.c_str());
}

// A literal block scalar (`|`) that reads back exactly: chomping from the trailing newlines, an
// explicit indentation when the text starts with whitespace.
QString blockScalar(const QString& text)
{
    const bool printable = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == u'\n' || c == u'\t' || (c.isPrint() && c != QChar(0xfeff));
    });
    if (text.isEmpty() || !printable) {
        return scalar(text);
    }
    QStringList lines = text.split(u'\n');
    const auto firstContent =
        std::find_if(lines.cbegin(), lines.cend(), [](const QString& line) { return !line.trimmed().isEmpty(); });
    if (firstContent == lines.cend()) {
        return scalar(text); // only line breaks and blanks: a block scalar would read back empty
    }
    qsizetype trailing = 0;
    while (text.size() > trailing && text.at(text.size() - 1 - trailing) == u'\n') {
        ++trailing;
    }
    const bool explicitIndent =
        firstContent->startsWith(u' ') || firstContent->startsWith(u'\t') || firstContent != lines.cbegin();
    if (trailing > 0) {
        lines.removeLast();
    }
    QString out = QStringLiteral("|");
    if (explicitIndent) {
        out += u'2';
    }
    out += trailing == 0 ? QStringLiteral("-") : trailing == 1 ? QString() : QStringLiteral("+");
    out += u'\n';
    for (const QString& line : std::as_const(lines)) {
        out += line.isEmpty() ? QStringLiteral("\n") : QStringLiteral("  ") + line + u'\n';
    }
    out.chop(1); // the caller ends the entry
    return out;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// Reads one document, recording where each field sits so validateFields' diagnostics get positions.
class DocumentReader
{
public:
    explicit DocumentReader(const QString& source) : m_source(source) { }

    TemplateDocument::Parsed read()
    {
        std::vector<YAML::Node> documents;
        try {
            documents = YamlReader::loadAll(m_source);
        } catch (const YAML::Exception& e) {
            Diagnostic diagnostic = makeDiagnostic({}, fromStd(e.msg), Diagnostic::Severity::Error);
            diagnostic.line = e.mark.line + 1;
            diagnostic.column = e.mark.column + 1;
            return {m_template, {diagnostic}};
        }
        if (documents.size() > 1) {
            error(documents.at(1),
                  {},
                  QStringLiteral("a template file holds one YAML document, found %1").arg(documents.size()));
        }
        const YAML::Node root = documents.empty() ? YAML::Node() : documents.front();
        if (root.IsNull() || !root.IsDefined()) {
            error(root, QStringLiteral("name"), QStringLiteral("name is required"));
        } else if (!root.IsMap()) {
            error(root, {}, QStringLiteral("expected a mapping of template fields"));
            return {m_template, m_diagnostics};
        } else {
            readRoot(root);
        }
        for (Diagnostic diagnostic : TemplateDocument::validateFields(m_template)) {
            if (m_failedFields.contains(diagnostic.field)) {
                continue; // already reported as a wrong type, the default left behind is no second error
            }
            locate(diagnostic, root);
            m_diagnostics.append(diagnostic);
        }
        std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::pair(a.line, a.column) < std::pair(b.line, b.column);
        });
        return {m_template, m_diagnostics};
    }

private:
    void readRoot(const YAML::Node& root)
    {
        QHash<QString, YAML::Node> seen;
        QList<QPair<int, QString>> entries; // (line, key) of every top-level key, extras marked by key
        QSet<int> extraLines;
        QString flowExtras;
        for (auto it = root.begin(); it != root.end(); ++it) {
            const QString key = it->first.IsScalar() ? fromStd(it->first.Scalar()) : QString();
            const int line = it->first.Mark().line;
            entries.append({line, key});
            if (seen.contains(key)) {
                error(it->first, key, QStringLiteral("duplicate key \"%1\"").arg(key));
                continue;
            }
            seen.insert(key, it->second);
            m_positions.insert(key, it->second.Mark());
            if (!KnownKeys.contains(key)) {
                if (root.Style() == YAML::EmitterStyle::Flow) {
                    YAML::Emitter emitter;
                    emitter << YAML::BeginMap << YAML::Key << it->first << YAML::Value << it->second << YAML::EndMap;
                    flowExtras += QString::fromUtf8(emitter.c_str()) + u'\n';
                } else {
                    extraLines.insert(line);
                }
            }
        }
        m_template.extraYaml = flowExtras + verbatimEntries(entries, extraLines);

        auto node = [&](const char* key) {
            return seen.value(QString::fromLatin1(key), YAML::Node(YAML::NodeType::Undefined));
        };
        m_template.name = text(node("name"), QStringLiteral("name")).value_or(QString());
        m_template.description = text(node("description"), QStringLiteral("description")).value_or(QString());
        // knot writes icon_url; `icon` is accepted as the same field.
        if (seen.contains(QStringLiteral("icon")) && seen.contains(QStringLiteral("icon_url"))) {
            error(
                node("icon"), QStringLiteral("icon"), QStringLiteral("icon and icon_url are the same field; keep one"));
        }
        const char* iconKey = seen.contains(QStringLiteral("icon")) ? "icon" : "icon_url";
        m_template.icon = text(node(iconKey), QString::fromLatin1(iconKey)).value_or(QString());
        if (const YAML::Node platform = node("platform"); platform.IsDefined() && !platform.IsNull()) {
            readEnum(platform,
                     QStringLiteral("platform"),
                     platformFromText,
                     m_template.platform,
                     QStringLiteral("docker, podman, container or manual"));
        }
        m_template.job = document(node("job"), QStringLiteral("job"));
        m_template.volumes = document(node("volumes"), QStringLiteral("volumes"));
        readPorts(node("ports"));
        readCustomFields(node("custom_fields"));
        // knot omits false flags (and `features` when all are false): what is not written is off.
        m_template.features = {};
        for (const FeatureKey& feature : FeatureKeys) {
            m_template.features.*feature.flag = false;
        }
        readFeatures(node("features"));
        readVnc(node("vnc"));
        if (const YAML::Node port = node("code_server_port"); port.IsDefined() && !port.IsNull()) {
            m_template.codeServerPort = integer(port, QStringLiteral("code_server_port")).value_or(0);
        }
        if (const YAML::Node policy = node("pull_policy"); policy.IsDefined() && !policy.IsNull()) {
            readEnum(policy,
                     QStringLiteral("pull_policy"),
                     pullPolicyFromText,
                     m_template.pullPolicy,
                     QStringLiteral("if-missing, always or never"));
        }
    }

    // The source lines of the unknown top-level entries, each from its key to the next key.
    QString verbatimEntries(QList<QPair<int, QString>> entries, const QSet<int>& extraLines) const
    {
        if (extraLines.isEmpty()) {
            return {};
        }
        std::sort(entries.begin(), entries.end());
        const QStringList lines = m_source.split(u'\n');
        QString out;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const int first = entries.at(i).first;
            if (!extraLines.contains(first)) {
                continue;
            }
            int last = i + 1 < entries.size() ? entries.at(i + 1).first - 1 : int(lines.size()) - 1;
            // Blank lines, column-0 comments and a document end marker before the next key are not the entry's.
            while (last > first
                   && (lines.at(last).trimmed().isEmpty() || lines.at(last).startsWith(u'#')
                       || lines.at(last).trimmed() == QStringLiteral("..."))) {
                --last;
            }
            out += lines.mid(first, last - first + 1).join(u'\n') + u'\n';
        }
        return out;
    }

    template <typename Enum, typename Parse>
    void readEnum(const YAML::Node& node, const QString& field, Parse parse, Enum& target, const QString& allowed)
    {
        const auto value = text(node, field);
        if (!value) {
            return;
        }
        if (const auto parsed = parse(*value)) {
            target = *parsed;
        } else {
            error(node, field, QStringLiteral("\"%1\" is not one of %2").arg(*value, allowed));
        }
    }

    void readPorts(const YAML::Node& ports)
    {
        forEachItem(ports, QStringLiteral("ports"), [this](const YAML::Node& item, const QString& field) {
            TemplatePort port;
            readMap(item, field, {"name", "port", "protocol"}, [&](const QString& key, const YAML::Node& value) {
                const QString path = field + u'.' + key;
                if (key == QStringLiteral("name")) {
                    port.name = text(value, path).value_or(QString());
                } else if (key == QStringLiteral("port")) {
                    port.port = integer(value, path).value_or(0);
                } else {
                    readEnum(value, path, portProtocolFromText, port.protocol, QStringLiteral("http, https or tcp"));
                }
            });
            m_template.ports.append(port);
        });
    }

    void readCustomFields(const YAML::Node& fields)
    {
        forEachItem(fields, QStringLiteral("custom_fields"), [this](const YAML::Node& item, const QString& field) {
            CustomField custom;
            readMap(item, field, {"name", "description"}, [&](const QString& key, const YAML::Node& value) {
                const QString read = text(value, field + u'.' + key).value_or(QString());
                (key == QStringLiteral("name") ? custom.name : custom.description) = read;
            });
            m_template.customFields.append(custom);
        });
    }

    void readFeatures(const YAML::Node& features)
    {
        QList<const char*> keys;
        for (const FeatureKey& feature : FeatureKeys) {
            keys.append(feature.key);
        }
        readMap(features, QStringLiteral("features"), keys, [this](const QString& key, const YAML::Node& value) {
            for (const FeatureKey& feature : FeatureKeys) {
                if (key == QLatin1String(feature.key)) {
                    const auto flag = boolean(value, QStringLiteral("features.") + key);
                    m_template.features.*feature.flag = flag.value_or(m_template.features.*feature.flag);
                }
            }
        });
    }

    void readVnc(const YAML::Node& vnc)
    {
        if (!vnc.IsDefined()) {
            return;
        }
        VncSettings settings;
        readMap(vnc,
                QStringLiteral("vnc"),
                {"port", "transport", "password"},
                [&](const QString& key, const YAML::Node& value) {
                    const QString path = QStringLiteral("vnc.") + key;
                    if (key == QStringLiteral("port")) {
                        settings.port = integer(value, path).value_or(0);
                    } else if (key == QStringLiteral("transport")) {
                        readEnum(
                            value, path, vncTransportFromText, settings.transport, QStringLiteral("rfb or websocket"));
                    } else {
                        settings.password = text(value, path).value_or(QString());
                    }
                });
        m_template.vnc = settings;
    }

    // Calls `handle` for each known key of a mapping; unknown keys are warnings (knot may add some).
    void readMap(const YAML::Node& map,
                 const QString& field,
                 const QList<const char*>& keys,
                 const std::function<void(const QString&, const YAML::Node&)>& handle)
    {
        if (!map.IsDefined() || map.IsNull()) {
            return;
        }
        if (!map.IsMap()) {
            error(map, field, QStringLiteral("expected a mapping"));
            return;
        }
        QSet<QString> seen;
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString key = fromStd(it->first.as<std::string>(std::string()));
            const QString path = field + u'.' + key;
            if (seen.contains(key)) {
                error(it->first, path, QStringLiteral("duplicate key \"%1\"").arg(key));
                continue;
            }
            seen.insert(key);
            m_positions.insert(path, it->second.Mark());
            const bool known =
                std::any_of(keys.cbegin(), keys.cend(), [&](const char* k) { return key == QLatin1String(k); });
            if (known) {
                handle(key, it->second);
            } else {
                warning(it->first, path, QStringLiteral("unknown key \"%1\" ignored").arg(key));
            }
        }
    }

    void forEachItem(const YAML::Node& list,
                     const QString& field,
                     const std::function<void(const YAML::Node&, const QString&)>& handle)
    {
        if (!list.IsDefined() || list.IsNull()) {
            return;
        }
        if (!list.IsSequence()) {
            error(list, field, QStringLiteral("expected a list"));
            return;
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const QString path = QStringLiteral("%1[%2]").arg(field).arg(i);
            m_positions.insert(path, list[i].Mark());
            handle(list[i], path);
        }
    }

    std::optional<QString> text(const YAML::Node& node, const QString& field)
    {
        if (!node.IsDefined() || node.IsNull()) {
            return QString();
        }
        if (!node.IsScalar()) {
            error(node, field, QStringLiteral("expected a text value"));
            return std::nullopt;
        }
        return fromStd(node.Scalar());
    }

    // job and volumes: knot writes block scalars; a nested mapping is accepted and kept as YAML text.
    QString document(const YAML::Node& node, const QString& field)
    {
        if (node.IsDefined() && (node.IsMap() || node.IsSequence())) {
            YAML::Emitter emitter;
            emitter << node;
            return QString::fromUtf8(emitter.c_str()) + u'\n';
        }
        return text(node, field).value_or(QString());
    }

    std::optional<int> integer(const YAML::Node& node, const QString& field)
    {
        int value = 0;
        if (!node.IsScalar() || !YAML::convert<int>::decode(node, value)) {
            error(node, field, QStringLiteral("expected a whole number"));
            return std::nullopt;
        }
        return value;
    }

    std::optional<bool> boolean(const YAML::Node& node, const QString& field)
    {
        bool value = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
            error(node, field, QStringLiteral("expected true or false"));
            return std::nullopt;
        }
        return value;
    }

    void locate(Diagnostic& diagnostic, const YAML::Node& root) const
    {
        // The field itself, else its closest recorded parent ("ports[0].name" -> "ports[0]"), else the document.
        QString path = diagnostic.field;
        while (!path.isEmpty() && !m_positions.contains(path)) {
            const qsizetype cut = std::max(path.lastIndexOf(u'.'), path.lastIndexOf(u'['));
            path = cut > 0 ? path.left(cut) : QString();
        }
        const YAML::Mark mark = path.isEmpty() ? root.Mark() : m_positions.value(path);
        if (mark.line >= 0) {
            diagnostic.line = mark.line + 1;
            diagnostic.column = mark.column + 1;
        }
    }

    void report(const YAML::Node& node, const QString& field, const QString& message, Diagnostic::Severity severity)
    {
        Diagnostic diagnostic = makeDiagnostic(field, message, severity);
        const YAML::Mark mark = node.Mark();
        if (mark.line >= 0) {
            diagnostic.line = mark.line + 1;
            diagnostic.column = mark.column + 1;
        }
        m_diagnostics.append(diagnostic);
    }
    void error(const YAML::Node& node, const QString& field, const QString& message)
    {
        m_failedFields.insert(field);
        report(node, field, message, Diagnostic::Severity::Error);
    }
    void warning(const YAML::Node& node, const QString& field, const QString& message)
    {
        report(node, field, message, Diagnostic::Severity::Warning);
    }

    const QString m_source;
    Template m_template;
    Diagnostics m_diagnostics;
    QHash<QString, YAML::Mark> m_positions;
    QSet<QString> m_failedFields;
};

} // namespace

TemplateDocument::Parsed TemplateDocument::parse(const QString& yaml)
{
    return DocumentReader(yaml).read();
}

QString TemplateDocument::serialize(const Template& tmpl)
{
    QString out;
    auto entry = [&out](const QString& indent, const QString& key, const QString& value) {
        out += indent + key + QStringLiteral(": ") + value + u'\n';
    };
    entry({}, QStringLiteral("name"), scalar(tmpl.name));
    entry({}, QStringLiteral("description"), scalar(tmpl.description));
    entry({}, QStringLiteral("icon_url"), scalar(tmpl.icon));
    entry({}, QStringLiteral("platform"), toText(tmpl.platform));
    entry({}, QStringLiteral("job"), blockScalar(tmpl.job));
    entry({}, QStringLiteral("volumes"), blockScalar(tmpl.volumes));
    if (tmpl.ports.isEmpty()) {
        entry({}, QStringLiteral("ports"), QStringLiteral("[]"));
    } else {
        out += QStringLiteral("ports:\n");
        for (const TemplatePort& port : tmpl.ports) {
            entry(QStringLiteral("  - "), QStringLiteral("name"), scalar(port.name));
            entry(QStringLiteral("    "), QStringLiteral("port"), QString::number(port.port));
            entry(QStringLiteral("    "), QStringLiteral("protocol"), toText(port.protocol));
        }
    }
    if (tmpl.customFields.isEmpty()) {
        entry({}, QStringLiteral("custom_fields"), QStringLiteral("[]"));
    } else {
        out += QStringLiteral("custom_fields:\n");
        for (const CustomField& field : tmpl.customFields) {
            entry(QStringLiteral("  - "), QStringLiteral("name"), scalar(field.name));
            entry(QStringLiteral("    "), QStringLiteral("description"), scalar(field.description));
        }
    }
    out += QStringLiteral("features:\n");
    for (const FeatureKey& feature : FeatureKeys) {
        entry(QStringLiteral("  "), QLatin1String(feature.key), boolText(tmpl.features.*feature.flag));
    }
    if (tmpl.vnc) {
        out += QStringLiteral("vnc:\n");
        entry(QStringLiteral("  "), QStringLiteral("port"), QString::number(tmpl.vnc->port));
        entry(QStringLiteral("  "), QStringLiteral("transport"), toText(tmpl.vnc->transport));
        entry(QStringLiteral("  "), QStringLiteral("password"), scalar(tmpl.vnc->password));
    }
    if (tmpl.codeServerPort != Template::DefaultCodeServerPort) {
        entry({}, QStringLiteral("code_server_port"), QString::number(tmpl.codeServerPort));
    }
    if (tmpl.pullPolicy != PullPolicy::IfMissing) {
        entry({}, QStringLiteral("pull_policy"), toText(tmpl.pullPolicy));
    }
    out += tmpl.extraYaml;
    if (!out.endsWith(u'\n')) {
        out += u'\n';
    }
    return out;
}

Result<TemplateDocument::Parsed> TemplateDocument::readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::io(QStringLiteral("Cannot read %1").arg(path), file.errorString());
    }
    return parse(QString::fromUtf8(file.readAll()));
}

VoidResult TemplateDocument::writeFile(const Template& tmpl, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(serialize(tmpl).toUtf8()) < 0 || !file.commit()) {
        return Error::io(QStringLiteral("Cannot write %1").arg(path), file.errorString());
    }
    return {};
}

Diagnostics TemplateDocument::validateFields(const Template& tmpl)
{
    Diagnostics diagnostics;
    auto error = [&diagnostics](const QString& field, const QString& message) {
        diagnostics.append(makeDiagnostic(field, message, Diagnostic::Severity::Error));
    };
    if (tmpl.name.trimmed().isEmpty()) {
        error(QStringLiteral("name"), QStringLiteral("name is required"));
    } else if (tmpl.name.size() > MaxNameLength) {
        error(QStringLiteral("name"), QStringLiteral("name is longer than %1 characters").arg(MaxNameLength));
    }
    if (!tmpl.isManual() && tmpl.job.trimmed().isEmpty()) {
        error(QStringLiteral("job"), QStringLiteral("job is required unless the platform is manual"));
    }
    for (qsizetype i = 0; i < tmpl.ports.size(); ++i) {
        const TemplatePort& port = tmpl.ports.at(i);
        const QString field = QStringLiteral("ports[%1]").arg(i);
        if (port.name.isEmpty()) {
            error(field + QStringLiteral(".name"), QStringLiteral("port name is required"));
        } else if (port.name.contains(u'=') || port.name.contains(u',')) {
            error(field + QStringLiteral(".name"),
                  QStringLiteral("port name \"%1\" must not contain \"=\" or \",\"").arg(port.name));
        }
        if (!inPortRange(port.port)) {
            error(field + QStringLiteral(".port"), QStringLiteral("port %1 is out of range 1–65535").arg(port.port));
        }
    }
    static const QRegularExpression fieldName(QStringLiteral("^[a-zA-Z][a-zA-Z0-9_]{1,63}$"));
    QSet<QString> names;
    for (qsizetype i = 0; i < tmpl.customFields.size(); ++i) {
        const CustomField& custom = tmpl.customFields.at(i);
        const QString field = QStringLiteral("custom_fields[%1]").arg(i);
        if (!fieldName.match(custom.name).hasMatch()) {
            error(field + QStringLiteral(".name"),
                  QStringLiteral("\"%1\" is not a valid custom field name: use 2 to 64 letters, digits and "
                                 "underscores, starting with a letter")
                      .arg(custom.name));
        } else if (names.contains(custom.name)) {
            error(field + QStringLiteral(".name"),
                  QStringLiteral("custom field \"%1\" is defined twice").arg(custom.name));
        }
        names.insert(custom.name);
        if (custom.description.size() > MaxDescriptionLength) {
            error(field + QStringLiteral(".description"),
                  QStringLiteral("description is longer than %1 characters").arg(MaxDescriptionLength));
        }
    }
    if (tmpl.vnc && !inPortRange(tmpl.vnc->port)) {
        error(QStringLiteral("vnc.port"), QStringLiteral("VNC port %1 is out of range 1–65535").arg(tmpl.vnc->port));
    }
    if (!inPortRange(tmpl.codeServerPort)) {
        error(QStringLiteral("code_server_port"),
              QStringLiteral("code-server port %1 is out of range 1–65535").arg(tmpl.codeServerPort));
    }
    return diagnostics;
}

} // namespace Knot
