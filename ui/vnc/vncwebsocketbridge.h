#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

class QSocketNotifier;

namespace Knot {

// RFB over a WebSocket (websockify-style servers): carries bytes between one end of a local socket
// pair and binary WebSocket messages, so libvncclient still reads and writes a plain descriptor.
// Lives in the GUI thread and never blocks: both directions use non-blocking I/O and notifiers.
class VncWebSocketBridge : public QObject
{
    Q_OBJECT

public:
    explicit VncWebSocketBridge(QObject* parent = nullptr);
    ~VncWebSocketBridge() override;

    // Starts opening `url` and returns the other end of the pair for libvncclient (the caller owns it).
    Result<int> open(const QUrl& url);

Q_SIGNALS:
    // The WebSocket could not be opened; the local end is closed, so the reader sees end of file.
    void failed(const QString& message);

private:
    void readLocal();
    void writeLocal();
    void closeLocal();

    QWebSocket m_socket;
    int m_fd = -1;
    bool m_opened = false;
    QSocketNotifier* m_readNotifier = nullptr;
    QSocketNotifier* m_writeNotifier = nullptr;
    QByteArray m_toLocal;  // received from the server, not yet written to the pair
    QByteArray m_toRemote; // written by libvncclient before the WebSocket was open
};

} // namespace Knot
