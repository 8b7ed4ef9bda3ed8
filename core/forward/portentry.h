#pragma once

#include "core/engine/enginetypes.h"
#include "core/model/template.h"

#include <QList>
#include <QString>

namespace Knot {

// One line of a space's Ports menu: a port the template declares, one the container publishes or
// one found listening inside it.
struct PortEntry
{
    QString name; // the template's name for it; empty for a port only found on the container
    int port = 0; // inside the container
    PortProtocol protocol = PortProtocol::Http;
    int hostPort = 0; // where the engine publishes it on this machine; 0: not published
    QString hostAddress;
    QString spaceId;
    bool listening = false;   // found listening inside the container
    bool forwardable = false; // reachable through a local forward when not published

    bool isPublished() const { return hostPort > 0; }
    bool isWeb() const { return protocol != PortProtocol::Tcp; }
    // http(s)://host:hostPort/ for web ports, host:hostPort otherwise; empty when not published.
    QString address() const;
    QString label() const;
    friend bool operator==(const PortEntry&, const PortEntry&) = default;

    // What the template declares (in its order) merged with what the container publishes and the
    // ports found listening inside it. `publishedHere` false (a remote engine, EngineEndpoint::
    // isLocal): what the engine publishes is on another machine, so those ports are listed as ports
    // inside the space, reached through a forward like any other.
    static QList<PortEntry> merge(const Template& tmpl,
                                  const ContainerInfo& container,
                                  const QList<int>& listening = {},
                                  bool publishedHere = true);
};

} // namespace Knot
