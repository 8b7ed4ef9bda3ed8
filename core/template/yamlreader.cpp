#include "core/template/yamlreader.h"

#include <QSet>

namespace Knot {

std::vector<YAML::Node> YamlReader::loadAll(const QString& text)
{
    std::vector<YAML::Node> documents = YAML::LoadAll(text.toStdString());
    while (documents.size() > 1 && documents.back().IsNull()) {
        documents.pop_back();
    }
    return documents;
}

std::optional<YAML::Node> YamlReader::load(const QString& text)
{
    std::vector<YAML::Node> documents;
    try {
        documents = loadAll(text);
    } catch (const YAML::Exception& e) {
        m_diagnostics.append({Diagnostic::Severity::Error,
                              e.mark.line + 1,
                              e.mark.column + 1,
                              {},
                              QStringLiteral("YAML syntax error: %1").arg(QString::fromStdString(e.msg))});
        return std::nullopt;
    }
    if (documents.empty()) {
        return YAML::Node(YAML::NodeType::Null);
    }
    for (std::size_t i = 1; i < documents.size(); ++i) {
        error(documents[i], {}, QStringLiteral("only one YAML document is allowed (found another one here)"));
    }
    return documents.front();
}

void YamlReader::add(Diagnostic::Severity severity,
                     const YAML::Node& node,
                     const QString& field,
                     const QString& message)
{
    YAML::Mark mark = node.IsDefined() && !node.IsNull() ? node.Mark() : m_fallbackMark;
    if (mark.is_null() && node.IsDefined()) {
        mark = node.Mark();
    }
    const bool known = !mark.is_null() && mark.line >= 0;
    m_diagnostics.append({severity, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0, field, message});
}

void YamlReader::error(const YAML::Node& node, const QString& field, const QString& message)
{
    add(Diagnostic::Severity::Error, node, field, message);
}

void YamlReader::warning(const YAML::Node& node, const QString& field, const QString& message)
{
    add(Diagnostic::Severity::Warning, node, field, message);
}

std::vector<std::pair<YAML::Node, YAML::Node>> YamlReader::mapping(const YAML::Node& node, const QString& field)
{
    std::vector<std::pair<YAML::Node, YAML::Node>> entries;
    if (!node.IsMap()) {
        error(node, field, QStringLiteral("expected a mapping of keys to values, got %1").arg(describe(node)));
        return entries;
    }
    QSet<QString> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QString key = text(it->first);
        if (seen.contains(key)) {
            error(it->first, join(field, key), QStringLiteral("duplicate key \"%1\"").arg(key));
            continue;
        }
        seen.insert(key);
        entries.emplace_back(it->first, it->second);
    }
    return entries;
}

std::optional<QString> YamlReader::string(const YAML::Node& node, const QString& field)
{
    if (!node.IsScalar()) {
        error(node, field, QStringLiteral("expected a string, got %1").arg(describe(node)));
        return std::nullopt;
    }
    return text(node);
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, const QString& field)
{
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
        error(node, field, QStringLiteral("expected true or false, got %1").arg(describe(node)));
        return std::nullopt;
    }
    return value;
}

QList<YamlItem> YamlReader::stringList(const YAML::Node& node, const QString& field)
{
    if (node.IsScalar()) {
        error(node,
              field,
              QStringLiteral(
                  "expected a list of strings, got a single string (write [\"%1\"] or one \"- item\" per line)")
                  .arg(text(node)));
        return {};
    }
    if (!node.IsSequence()) {
        error(node, field, QStringLiteral("expected a list of strings, got %1").arg(describe(node)));
        return {};
    }
    QList<YamlItem> items;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        const QString itemField = QStringLiteral("%1[%2]").arg(field).arg(i);
        if (auto value = string(item, itemField)) {
            items.append({*value, item, itemField});
        }
    }
    return items;
}

QString YamlReader::text(const YAML::Node& scalar)
{
    return scalar.IsScalar() ? QString::fromStdString(scalar.Scalar()) : QString();
}

QString YamlReader::describe(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Sequence:
        return QStringLiteral("a list");
    case YAML::NodeType::Map:
        return QStringLiteral("a mapping");
    case YAML::NodeType::Scalar:
        return QStringLiteral("\"%1\"").arg(text(node));
    default:
        return QStringLiteral("nothing");
    }
}

} // namespace Knot
