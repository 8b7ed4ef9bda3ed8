#pragma once

#include "core/model/template.h"
#include "core/result.h"

#include <QFuture>
#include <QObject>
#include <QUrl>

namespace Knot {

class Database;
class EngineManager;
class SpaceService;
struct ContainerInfo;

// One line of a space's Ports menu: a port the template declares, one the container publishes,
// or both.
struct PortEntry
{
    QString name; // the template's name for it; empty for a port only found on the container
    int port = 0; // inside the container
    PortProtocol protocol = PortProtocol::Http;
    int hostPort = 0; // where the engine publishes it on this machine; 0: not published
    QString hostAddress;

    bool isPublished() const { return hostPort > 0; }
    bool isWeb() const { return protocol != PortProtocol::Tcp; }
    // http(s)://host:hostPort/ for web ports, host:hostPort otherwise; empty when not published.
    QString address() const;
    QString label() const;
    friend bool operator==(const PortEntry&, const PortEntry&) = default;
};

// The ports of running spaces and the services behind them (the Ports menu, Code Server): what the
// template declares merged with what the engine publishes, and opening or copying their address.
//
// Published ports are reached at their host port. Others need a local forward into the container
// (DESIGN "Reaching services inside a space"); without one they are listed but cannot be opened.
class SpacePorts : public QObject
{
    Q_OBJECT

public:
    SpacePorts(Database& db, SpaceService& spaces, EngineManager& engines, QObject* parent = nullptr);

    // The ports of a running space, declared ones first in the template's order.
    QFuture<Result<QList<PortEntry>>> list(const QString& spaceId);
    static QList<PortEntry> merge(const Template& tmpl, const ContainerInfo& container);

    // Opens the entry in the browser, or puts its address on the clipboard.
    void open(const PortEntry& entry);
    void copy(const PortEntry& entry);
    // Opens the space's code-server (the template's code-server port) in the browser.
    void openCodeServer(const QString& spaceId);

    // Why an entry cannot be opened (empty: it can).
    static QString unreachableReason(const PortEntry& entry);

Q_SIGNALS:
    void failed(const QString& message);
    // An address was handed to the browser or the clipboard (for tests).
    void opened(const QUrl& url);
    void copied(const QString& address);

private:
    Database& m_db;
    SpaceService& m_spaces;
    EngineManager& m_engines;
};

} // namespace Knot
