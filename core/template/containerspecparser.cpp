#include "core/template/containerspecparser.h"

#include "core/template/bytesize.h"
#include "core/template/yamlreader.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <cmath>
#include <functional>
#include <map>

namespace Knot {

namespace {

bool matches(const QString& pattern, const QString& text)
{
    return QRegularExpression(QStringLiteral("^(?:%1)$").arg(pattern)).match(text).hasMatch();
}

std::optional<int> portNumber(const QString& text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    return ok && port >= 1 && port <= 65535 ? std::optional<int>(port) : std::nullopt;
}

bool isHostPath(const QString& source)
{
    return source.startsWith(u'/') || source.startsWith(u'.') || source.startsWith(u'~');
}

// One parse: the reader collects diagnostics, one member function per key fills the spec.
class SpecReader
{
public:
    explicit SpecReader(const std::optional<VolumeDefinition>& declared) : m_declared(declared) { }

    Parsed<ContainerSpec> run(const QString& yaml)
    {
        const auto root = m_reader.load(yaml);
        if (root && root->IsNull()) {
            m_reader.error(*root, {}, QStringLiteral("the container spec is empty: at least \"image\" is required"));
        } else if (root) {
            readRoot(*root);
        }
        return {m_spec, m_reader.takeDiagnostics()};
    }

private:
    using Handler = void (SpecReader::*)(const YAML::Node&, const QString&);

    void readRoot(const YAML::Node& root)
    {
        static const std::map<QString, Handler> handlers {
            {QStringLiteral("image"), &SpecReader::readImage},
            {QStringLiteral("container_name"), &SpecReader::readContainerName},
            {QStringLiteral("hostname"), &SpecReader::readHostname},
            {QStringLiteral("auth"), &SpecReader::readAuth},
            {QStringLiteral("ports"), &SpecReader::readPorts},
            {QStringLiteral("volumes"), &SpecReader::readVolumes},
            {QStringLiteral("command"), &SpecReader::readCommand},
            {QStringLiteral("privileged"), &SpecReader::readPrivileged},
            {QStringLiteral("network"), &SpecReader::readNetwork},
            {QStringLiteral("environment"), &SpecReader::readEnvironment},
            {QStringLiteral("cap_add"), &SpecReader::readCapAdd},
            {QStringLiteral("cap_drop"), &SpecReader::readCapDrop},
            {QStringLiteral("devices"), &SpecReader::readDevices},
            {QStringLiteral("dns"), &SpecReader::readDns},
            {QStringLiteral("dns_search"), &SpecReader::readDnsSearch},
            {QStringLiteral("add_host"), &SpecReader::readAddHost},
            {QStringLiteral("memory"), &SpecReader::readMemory},
            {QStringLiteral("cpus"), &SpecReader::readCpus},
            {QStringLiteral("shell"), &SpecReader::readShell},
        };
        bool hasImage = false;
        for (const auto& [key, value] : m_reader.mapping(root, {})) {
            const QString name = YamlReader::text(key);
            const auto handler = handlers.find(name);
            if (handler == handlers.end()) {
                m_reader.error(key, name, QStringLiteral("unknown field \"%1\"").arg(name));
                continue;
            }
            hasImage = hasImage || name == u"image";
            YamlKeyScope scope(m_reader, key);
            (this->*handler->second)(value, name);
        }
        if (root.IsMap() && !hasImage) {
            m_reader.error(root, QStringLiteral("image"), QStringLiteral("\"image\" is required"));
        }
    }

    // A non-empty string matching `pattern`, or an error saying what was expected.
    std::optional<QString>
    checked(const YAML::Node& node, const QString& field, const QString& pattern, const QString& expectation)
    {
        const auto value = m_reader.string(node, field);
        if (!value) {
            return std::nullopt;
        }
        if (value->isEmpty() || !matches(pattern, *value)) {
            m_reader.error(node, field, QStringLiteral("\"%1\" is not %2").arg(*value, expectation));
            return std::nullopt;
        }
        return value;
    }

    void readImage(const YAML::Node& node, const QString& field)
    {
        m_spec.image =
            checked(node, field, QStringLiteral("[^\\s]+"), QStringLiteral("an image name")).value_or(QString());
    }

    void readContainerName(const YAML::Node& node, const QString& field)
    {
        m_spec.containerName = checked(node,
                                       field,
                                       QStringLiteral("[a-zA-Z0-9][a-zA-Z0-9_.-]*"),
                                       QStringLiteral("a valid container name (letters, digits, _ . -)"))
                                   .value_or(QString());
    }

    void readHostname(const YAML::Node& node, const QString& field)
    {
        m_spec.hostname = checked(node,
                                  field,
                                  QStringLiteral("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                                                 "(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"),
                                  QStringLiteral("a valid host name"))
                              .value_or(QString());
    }

    void readAuth(const YAML::Node& node, const QString& field)
    {
        if (!node.IsMap()) {
            m_reader.error(node,
                           field,
                           QStringLiteral("expected a mapping with username and password, got %1")
                               .arg(YamlReader::describe(node)));
            return;
        }
        ContainerSpec::Auth auth;
        for (const auto& [key, value] : m_reader.mapping(node, field)) {
            const QString name = YamlReader::text(key);
            const QString keyField = YamlReader::join(field, name);
            YamlKeyScope scope(m_reader, key);
            if (name == u"username") {
                auth.username = m_reader.string(value, keyField).value_or(QString());
            } else if (name == u"password") {
                auth.password = m_reader.string(value, keyField).value_or(QString());
            } else {
                m_reader.error(
                    key, keyField, QStringLiteral("unknown field \"%1\" (expected username, password)").arg(name));
            }
        }
        m_spec.auth = auth;
    }

    void readPorts(const YAML::Node& node, const QString& field)
    {
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            QString mapping = text;
            QString protocol = QStringLiteral("tcp");
            if (const auto slash = mapping.indexOf(u'/'); slash >= 0) {
                protocol = mapping.mid(slash + 1);
                mapping.truncate(slash);
                if (protocol != u"tcp" && protocol != u"udp") {
                    m_reader.error(item, itemField, QStringLiteral("protocol \"%1\" is not tcp or udp").arg(protocol));
                    continue;
                }
            }
            const QStringList parts = mapping.split(u':');
            if (parts.size() != 2) {
                m_reader.error(item,
                               itemField,
                               QStringLiteral("\"%1\" is not HOST:CONTAINER[/tcp|/udp] (exactly one \":\")").arg(text));
                continue;
            }
            const auto host = portNumber(parts.at(0));
            const auto container = portNumber(parts.at(1));
            if (!host || !container) {
                m_reader.error(item,
                               itemField,
                               QStringLiteral("port \"%1\" is not a number from 1 to 65535")
                                   .arg(host ? parts.at(1) : parts.at(0)));
                continue;
            }
            m_spec.ports.append({{}, *host, *container, protocol});
        }
    }

    void readVolumes(const YAML::Node& node, const QString& field)
    {
        static const QStringList options {QStringLiteral("ro"),
                                          QStringLiteral("rw"),
                                          QStringLiteral("z"),
                                          QStringLiteral("Z"),
                                          QStringLiteral("nocopy")};
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            const QStringList parts = text.split(u':');
            if (parts.size() < 2 || parts.size() > 3 || parts.at(0).isEmpty()) {
                m_reader.error(item, itemField, QStringLiteral("\"%1\" is not SOURCE:TARGET[:OPTIONS]").arg(text));
                continue;
            }
            ContainerSpec::Mount mount {parts.at(0), parts.at(1), parts.value(2), isHostPath(parts.at(0))};
            if (!mount.target.startsWith(u'/')) {
                m_reader.error(
                    item, itemField, QStringLiteral("target \"%1\" is not an absolute path").arg(mount.target));
                continue;
            }
            bool optionsOk = true;
            for (const auto& option : mount.options.split(u',', Qt::SkipEmptyParts)) {
                if (!options.contains(option)) {
                    m_reader.error(
                        item,
                        itemField,
                        QStringLiteral("unknown volume option \"%1\" (use ro, rw, z, Z or nocopy)").arg(option));
                    optionsOk = false;
                }
            }
            if (!optionsOk) {
                continue;
            }
            if (!mount.hostPath && m_declared && !isDeclared(mount.source)) {
                m_reader.error(
                    item,
                    itemField,
                    QStringLiteral("named volume \"%1\" is not declared in the volume definition").arg(mount.source));
            }
            m_spec.volumes.append(mount);
        }
    }

    void readCommand(const YAML::Node& node, const QString& field) { m_spec.command = strings(node, field); }

    void readPrivileged(const YAML::Node& node, const QString& field)
    {
        m_spec.privileged = m_reader.boolean(node, field).value_or(false);
    }

    void readNetwork(const YAML::Node& node, const QString& field)
    {
        m_spec.network =
            checked(node, field, QStringLiteral("[a-zA-Z0-9][a-zA-Z0-9_.:-]*"), QStringLiteral("a network name"))
                .value_or(QString());
    }

    void readEnvironment(const YAML::Node& node, const QString& field)
    {
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            const auto equals = text.indexOf(u'=');
            if (equals < 0) {
                m_reader.error(item, itemField, QStringLiteral("\"%1\" is not KEY=value (no \"=\")").arg(text));
            } else if (!matches(QStringLiteral("[A-Za-z_][A-Za-z0-9_.]*"), text.left(equals))) {
                m_reader.error(
                    item, itemField, QStringLiteral("\"%1\" is not a valid variable name").arg(text.left(equals)));
            } else {
                m_spec.environment.append(text);
            }
        }
    }

    void readCapAdd(const YAML::Node& node, const QString& field) { m_spec.capAdd = capabilities(node, field); }
    void readCapDrop(const YAML::Node& node, const QString& field) { m_spec.capDrop = capabilities(node, field); }

    void readDevices(const YAML::Node& node, const QString& field)
    {
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            const QStringList parts = text.split(u':');
            if (parts.size() != 2 || !parts.at(0).startsWith(u'/') || !parts.at(1).startsWith(u'/')) {
                m_reader.error(item,
                               itemField,
                               QStringLiteral("\"%1\" is not HOST_PATH:CONTAINER_PATH (two absolute paths)").arg(text));
                continue;
            }
            m_spec.devices.append({parts.at(0), parts.at(1)});
        }
    }

    void readDns(const YAML::Node& node, const QString& field)
    {
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            if (QHostAddress(text).isNull()) {
                m_reader.error(item, itemField, QStringLiteral("\"%1\" is not an IP address").arg(text));
                continue;
            }
            m_spec.dns.append(text);
        }
    }

    void readDnsSearch(const YAML::Node& node, const QString& field) { m_spec.dnsSearch = strings(node, field); }

    void readAddHost(const YAML::Node& node, const QString& field)
    {
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            // IPv6 addresses hold colons too: the host name ends at the first one.
            const auto colon = text.indexOf(u':');
            const QString host = text.left(colon);
            const QString address = colon < 0 ? QString() : text.mid(colon + 1);
            if (colon < 0 || !matches(QStringLiteral("[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?"), host)) {
                m_reader.error(item, itemField, QStringLiteral("\"%1\" is not HOSTNAME:IP").arg(text));
                continue;
            }
            if (address != u"host-gateway" && QHostAddress(address).isNull()) {
                m_reader.error(
                    item, itemField, QStringLiteral("\"%1\" is not an IP address (or host-gateway)").arg(address));
                continue;
            }
            m_spec.addHost.append(text);
        }
    }

    void readMemory(const YAML::Node& node, const QString& field)
    {
        const auto text = m_reader.string(node, field);
        if (!text) {
            return;
        }
        const auto bytes = ByteSize::parse(*text);
        if (!bytes) {
            m_reader.error(
                node,
                field,
                QStringLiteral("\"%1\" is not a memory size (bytes, or a number with k, m, g or t, e.g. 512m, 4G)")
                    .arg(*text));
            return;
        }
        m_spec.memoryBytes = *bytes;
    }

    void readCpus(const YAML::Node& node, const QString& field)
    {
        const auto text = m_reader.string(node, field);
        if (!text) {
            return;
        }
        bool ok = false;
        const double cpus = text->toDouble(&ok);
        if (!ok || !(cpus > 0) || cpus > 4096) {
            m_reader.error(
                node, field, QStringLiteral("\"%1\" is not a positive number of CPUs, e.g. 0.5 or 2").arg(*text));
            return;
        }
        m_spec.nanoCpus = std::llround(cpus * 1e9);
    }

    void readShell(const YAML::Node& node, const QString& field)
    {
        m_spec.shell = m_reader.string(node, field).value_or(QString());
    }

    QStringList strings(const YAML::Node& node, const QString& field)
    {
        QStringList values;
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            values.append(text);
        }
        return values;
    }

    QStringList capabilities(const YAML::Node& node, const QString& field)
    {
        QStringList values;
        for (const auto& [text, item, itemField] : m_reader.stringList(node, field)) {
            if (text != u"ALL" && !matches(QStringLiteral("CAP_[A-Z][A-Z0-9_]*"), text)) {
                m_reader.error(
                    item,
                    itemField,
                    QStringLiteral("\"%1\" is not a capability in CAP_XXX form (e.g. CAP_NET_ADMIN)").arg(text));
                continue;
            }
            values.append(text);
        }
        return values;
    }

    bool isDeclared(const QString& name) const
    {
        return std::any_of(m_declared->volumes.begin(), m_declared->volumes.end(), [&](const auto& volume) {
            return volume.name == name;
        });
    }

    YamlReader m_reader;
    ContainerSpec m_spec;
    const std::optional<VolumeDefinition>& m_declared;
};

} // namespace

Parsed<ContainerSpec> ContainerSpecParser::parse(const QString& yaml, const std::optional<VolumeDefinition>& declared)
{
    return SpecReader(declared).run(yaml);
}

} // namespace Knot
