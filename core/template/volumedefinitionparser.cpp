#include "core/template/volumedefinitionparser.h"

#include "core/template/bytesize.h"
#include "core/template/yamlreader.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>

namespace Knot {

namespace {

class DefinitionReader
{
public:
    Parsed<VolumeDefinition> run(const QString& yaml)
    {
        const auto root = m_reader.load(yaml);
        if (root && !root->IsNull()) {
            for (const auto& [key, value] : m_reader.mapping(*root, {})) {
                const QString name = YamlReader::text(key);
                YamlKeyScope scope(m_reader, key);
                if (name == u"volumes") {
                    readVolumes(value);
                } else if (name == u"paths") {
                    readPaths(value);
                } else {
                    m_reader.error(
                        key, name, QStringLiteral("unknown field \"%1\" (expected volumes, paths)").arg(name));
                }
            }
        }
        return {m_definition, m_reader.takeDiagnostics()};
    }

private:
    void readVolumes(const YAML::Node& node)
    {
        if (node.IsNull()) {
            return;
        }
        static const QRegularExpression validName(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"));
        for (const auto& [key, value] : m_reader.mapping(node, QStringLiteral("volumes"))) {
            const QString name = YamlReader::text(key);
            const QString field = QStringLiteral("volumes.") + name;
            YamlKeyScope scope(m_reader, key);
            if (!validName.match(name).hasMatch()) {
                m_reader.error(key,
                               field,
                               QStringLiteral("\"%1\" is not a valid volume name (letters, digits, _ . -; starting "
                                              "with a letter or digit)")
                                   .arg(name));
                continue;
            }
            VolumeDefinition::Volume volume {name, 0};
            if (value.IsMap()) {
                readVolumeOptions(value, field, volume);
            } else if (!value.IsNull()) {
                m_reader.error(value,
                               field,
                               QStringLiteral("expected nothing or a mapping such as {size: 20G}, got %1")
                                   .arg(YamlReader::describe(value)));
            }
            m_definition.volumes.append(volume);
        }
    }

    void readVolumeOptions(const YAML::Node& node, const QString& field, VolumeDefinition::Volume& volume)
    {
        for (const auto& [key, value] : m_reader.mapping(node, field)) {
            const QString name = YamlReader::text(key);
            YamlKeyScope scope(m_reader, key);
            if (name != u"size") {
                m_reader.error(
                    key, field + u'.' + name, QStringLiteral("unknown field \"%1\" (expected size)").arg(name));
                continue;
            }
            const auto text = m_reader.string(value, field + QStringLiteral(".size"));
            if (!text) {
                continue;
            }
            const auto bytes = ByteSize::parse(*text);
            if (!bytes) {
                m_reader.error(value,
                               field + QStringLiteral(".size"),
                               QStringLiteral("\"%1\" is not a size (e.g. 20G, 512m)").arg(*text));
                continue;
            }
            volume.sizeBytes = *bytes;
        }
    }

    void readPaths(const YAML::Node& node)
    {
        if (node.IsNull()) {
            return;
        }
        QSet<QString> seen;
        for (const auto& [path, item, field] : m_reader.stringList(node, QStringLiteral("paths"))) {
            if (!path.startsWith(u'/') && !path.startsWith(u'~')) {
                m_reader.error(
                    item, field, QStringLiteral("\"%1\" is not an absolute path or a path under ~").arg(path));
                continue;
            }
            if (isProtected(path)) {
                m_reader.error(
                    item,
                    field,
                    QStringLiteral("\"%1\" cannot be a managed path: deleting the space would delete it").arg(path));
                continue;
            }
            if (seen.contains(path)) {
                m_reader.error(item, field, QStringLiteral("\"%1\" is listed twice").arg(path));
                continue;
            }
            seen.insert(path);
            m_definition.paths.append(path);
        }
    }

    // Managed paths are deleted with the space: never the root, the home or the working folder,
    // nor a folder that contains one of them (`~/..` would take every user's home with it).
    static bool isProtected(const QString& path)
    {
        const QString expanded = QDir::cleanPath(path.startsWith(u'~') ? QDir::homePath() + path.mid(1) : path);
        const auto holds = [&](const QString& dir) {
            const QString clean = QDir::cleanPath(dir);
            return expanded == clean || clean.startsWith(expanded + u'/');
        };
        return expanded == u"/" || holds(QDir::homePath()) || holds(QDir::currentPath());
    }

    YamlReader m_reader;
    VolumeDefinition m_definition;
};

} // namespace

Parsed<VolumeDefinition> VolumeDefinitionParser::parse(const QString& yaml)
{
    return DefinitionReader().run(yaml);
}

Diagnostics VolumeDefinitionParser::sharedVolumeWarnings(const QString& unresolvedYaml)
{
    YamlReader reader;
    const auto root = reader.load(unresolvedYaml);
    if (!root || !root->IsMap() || !(*root)[std::string("volumes")].IsMap()) {
        return {};
    }
    static const QRegularExpression spaceId(QStringLiteral("\\$\\{\\{-?\\s*\\.space\\.id\\b"));
    for (const auto& entry : (*root)[std::string("volumes")]) {
        const QString name = YamlReader::text(entry.first);
        if (!spaceId.match(name).hasMatch()) {
            reader.warning(entry.first,
                           QStringLiteral("volumes.") + name,
                           QStringLiteral("volume \"%1\" does not use ${{ .space.id }}: every space of this template "
                                          "shares it")
                               .arg(name));
        }
    }
    return reader.takeDiagnostics();
}

} // namespace Knot
