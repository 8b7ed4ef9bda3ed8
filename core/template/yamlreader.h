#pragma once

#include "core/model/diagnostic.h"

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Knot {

// One string of a list, with its node (for positions) and its field path ("ports[2]").
struct YamlItem
{
    QString text;
    YAML::Node node;
    QString field;
};

// Reads yaml-cpp nodes the way our documents need: every problem becomes a Diagnostic with the
// line and column of the offending node and the dotted field path, and reading goes on so that
// one pass reports all errors. Private to core/ (yaml-cpp stays out of public headers).
class YamlReader
{
public:
    // Loads exactly one document. Syntax errors and extra documents are diagnostics; the result
    // is empty when nothing usable was read.
    std::optional<YAML::Node> load(const QString& text);
    // YAML::LoadAll without the empty documents a trailing `---` leaves behind (a file that
    // ends with a separator still holds one document). Throws what LoadAll throws.
    static std::vector<YAML::Node> loadAll(const QString& text);

    void error(const YAML::Node& node, const QString& field, const QString& message);
    void warning(const YAML::Node& node, const QString& field, const QString& message);

    // Entries of a mapping, with an error for every key that appears twice.
    std::vector<std::pair<YAML::Node, YAML::Node>> mapping(const YAML::Node& node, const QString& field);

    std::optional<QString> string(const YAML::Node& node, const QString& field);
    std::optional<bool> boolean(const YAML::Node& node, const QString& field);
    // A list of strings; a plain string where a list belongs is an error with a hint (and no items).
    QList<YamlItem> stringList(const YAML::Node& node, const QString& field);

    static QString text(const YAML::Node& scalar);
    static QString describe(const YAML::Node& node); // "a list", "a mapping", "nothing", "a string"
    static QString join(const QString& parent, const QString& key)
    {
        return parent.isEmpty() ? key : parent + u'.' + key;
    }

    const Diagnostics& diagnostics() const { return m_diagnostics; }
    Diagnostics takeDiagnostics() { return std::exchange(m_diagnostics, {}); }

private:
    void add(Diagnostic::Severity severity, const YAML::Node& node, const QString& field, const QString& message);

    Diagnostics m_diagnostics;
    // The key whose value is being read: null values have no useful mark of their own.
    YAML::Mark m_fallbackMark = YAML::Mark::null_mark();

    friend class YamlKeyScope;
};

// While alive, diagnostics on null values point at this key (yaml-cpp marks a missing value at
// the start of the next line).
class YamlKeyScope
{
public:
    YamlKeyScope(YamlReader& reader, const YAML::Node& key)
        : m_reader(reader), m_previous(std::exchange(reader.m_fallbackMark, key.Mark()))
    { }
    ~YamlKeyScope() { m_reader.m_fallbackMark = m_previous; }
    YamlKeyScope(const YamlKeyScope&) = delete;
    YamlKeyScope& operator=(const YamlKeyScope&) = delete;

private:
    YamlReader& m_reader;
    YAML::Mark m_previous;
};

} // namespace Knot
