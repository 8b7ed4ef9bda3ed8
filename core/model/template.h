#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Knot {

// Where a template's spaces run. knot's names: docker, podman, container (any local engine), manual.
enum class Platform
{
    Container,
    Docker,
    Podman,
    Manual,
};

enum class PortProtocol
{
    Http,
    Https,
    Tcp,
};

enum class VncTransport
{
    Rfb,
    WebSocket,
};

// When start pulls the image (desktop addition; knot always pulls).
enum class PullPolicy
{
    IfMissing,
    Always,
    Never,
};

struct TemplatePort
{
    QString name;
    int port = 0;
    PortProtocol protocol = PortProtocol::Http;
    friend bool operator==(const TemplatePort&, const TemplatePort&) = default;
};

struct CustomField
{
    QString name;
    QString description;
    friend bool operator==(const CustomField&, const CustomField&) = default;
};

struct TemplateFeatures
{
    bool terminal = true;
    bool codeServer = false;
    bool vscodeTunnel = false;
    bool ssh = false;
    bool runCommand = false;
    bool nodeMigration = false; // knot's allow_node_migration: no effect on the desktop, kept for export and hash
    friend bool operator==(const TemplateFeatures&, const TemplateFeatures&) = default;
};

struct VncSettings
{
    int port = 5901;
    VncTransport transport = VncTransport::Rfb;
    QString password;
    friend bool operator==(const VncSettings&, const VncSettings&) = default;
};

// A template as the user edits it. `job` and `volumes` stay raw YAML text: they hold ${{ }}
// variables and are parsed after resolution at every start (and validated while editing).
struct Template
{
    static constexpr int DefaultCodeServerPort = 49374;

    QString id; // UUID, without braces
    QString name;
    QString description;
    QString icon;
    Platform platform = Platform::Container;
    QString job;
    QString volumes;
    QList<TemplatePort> ports;
    QList<CustomField> customFields;
    TemplateFeatures features;
    std::optional<VncSettings> vnc;
    int codeServerPort = DefaultCodeServerPort;
    PullPolicy pullPolicy = PullPolicy::IfMissing;
    // knot export fields the desktop does not use (health checks, schedules, groups, …),
    // kept as a YAML mapping so a round trip through the desktop loses nothing.
    QString extraYaml;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isManual() const { return platform == Platform::Manual; }
    friend bool operator==(const Template&, const Template&) = default;
};

QString toText(Platform platform);
std::optional<Platform> platformFromText(const QString& text);
QString toText(PortProtocol protocol);
std::optional<PortProtocol> portProtocolFromText(const QString& text);
QString toText(VncTransport transport);
std::optional<VncTransport> vncTransportFromText(const QString& text);
QString toText(PullPolicy policy);
std::optional<PullPolicy> pullPolicyFromText(const QString& text);

} // namespace Knot
