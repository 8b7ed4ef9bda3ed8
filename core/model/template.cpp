#include "core/model/template.h"

#include "core/model/enumnames.h"

namespace Knot {

namespace {

constexpr EnumNames<Platform, 4> platformNames {{
    {Platform::Container, u"container"},
    {Platform::Docker, u"docker"},
    {Platform::Podman, u"podman"},
    {Platform::Manual, u"manual"},
}};
constexpr EnumNames<PortProtocol, 3> protocolNames {{
    {PortProtocol::Http, u"http"},
    {PortProtocol::Https, u"https"},
    {PortProtocol::Tcp, u"tcp"},
}};
constexpr EnumNames<VncTransport, 2> transportNames {{
    {VncTransport::Rfb, u"rfb"},
    {VncTransport::WebSocket, u"websocket"},
}};
constexpr EnumNames<PullPolicy, 3> pullPolicyNames {{
    {PullPolicy::IfMissing, u"if-missing"},
    {PullPolicy::Always, u"always"},
    {PullPolicy::Never, u"never"},
}};

} // namespace

QString toText(Platform platform)
{
    return enumName(platformNames, platform);
}

std::optional<Platform> platformFromText(const QString& text)
{
    return enumValue(platformNames, text);
}

QString toText(PortProtocol protocol)
{
    return enumName(protocolNames, protocol);
}

std::optional<PortProtocol> portProtocolFromText(const QString& text)
{
    return enumValue(protocolNames, text);
}

QString toText(VncTransport transport)
{
    return enumName(transportNames, transport);
}

std::optional<VncTransport> vncTransportFromText(const QString& text)
{
    return enumValue(transportNames, text);
}

QString toText(PullPolicy policy)
{
    return enumName(pullPolicyNames, policy);
}

std::optional<PullPolicy> pullPolicyFromText(const QString& text)
{
    return enumValue(pullPolicyNames, text);
}

} // namespace Knot
