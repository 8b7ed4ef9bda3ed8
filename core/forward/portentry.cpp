#include "core/forward/portentry.h"

#include <algorithm>

namespace Knot {

QString PortEntry::address() const
{
    if (!isPublished()) {
        return {};
    }
    const QString where = QStringLiteral("%1:%2").arg(hostAddress).arg(hostPort);
    if (!isWeb()) {
        return where;
    }
    return QStringLiteral("%1://%2/").arg(protocol == PortProtocol::Https ? u"https" : u"http", where);
}

QString PortEntry::label() const
{
    const QString number = QStringLiteral("%1/%2").arg(port).arg(toText(protocol));
    return name.isEmpty() ? number : QStringLiteral("%1 (%2)").arg(name, number);
}

QList<PortEntry>
PortEntry::merge(const Template& tmpl, const ContainerInfo& container, const QList<int>& listening, bool publishedHere)
{
    QList<PortEntry> entries;
    // The entry for `port`, appended when new (most likely a web server when nobody declared it).
    const auto entryFor = [&entries](int port) {
        auto entry = std::find_if(entries.begin(), entries.end(), [&](const PortEntry& e) { return e.port == port; });
        if (entry != entries.end()) {
            return entry;
        }
        PortEntry added;
        added.port = port;
        entries.append(added);
        return entries.end() - 1;
    };
    for (const TemplatePort& declared : tmpl.ports) {
        PortEntry entry;
        entry.name = declared.name;
        entry.port = declared.port;
        entry.protocol = declared.protocol;
        entries.append(entry);
    }
    for (const ContainerPort& published : container.ports) {
        if (published.protocol == u"udp" || published.containerPort <= 0) {
            continue; // nothing a browser or a TCP client can open
        }
        auto entry = entryFor(published.containerPort);
        if (publishedHere && published.hostPort > 0 && !entry->isPublished()) {
            entry->hostPort = published.hostPort;
            entry->hostAddress = published.reachableHost();
        }
    }
    for (const int port : listening) {
        entryFor(port)->listening = true;
    }
    return entries;
}

} // namespace Knot
