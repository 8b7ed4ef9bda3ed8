#pragma once

#include "core/engine/enginetypes.h"
#include "core/engine/jsonlinesplitter.h"
#include "core/result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Knot {

class DockerClient;
class HttpReply;

// The engine's event stream for objects with one label, kept open: when the connection drops it
// reconnects with backoff (0.5 s doubling to 10 s) and emits reconnected(), since events may have
// been missed in between and the owner must resync.
class EventStream : public QObject
{
    Q_OBJECT

public:
    // A stream attached to nothing (fakes emit its signals themselves).
    explicit EventStream(QObject* parent = nullptr);
    ~EventStream() override;

    QString label() const { return m_label; }
    bool isConnected() const { return m_connected; }
    // The last connection problem, if any.
    const VoidResult& lastError() const { return m_lastError; }

    void start();
    void stop();

Q_SIGNALS:
    void event(const Knot::EngineEvent& event);
    // The first connection is up (events from now on will arrive).
    void connected();
    // Up again after a drop, or up at last after failed attempts (right after connected()):
    // events may have been lost.
    void reconnected();
    void disconnected();

private:
    friend class DockerClient;
    EventStream(DockerClient* client, const QString& label, QObject* parent);

    void connectStream();
    void onHeaders();
    void onData(const QByteArray& data);
    void onFinished();
    void scheduleReconnect();
    void emitEvents(const QList<QJsonObject>& objects);

    QPointer<DockerClient> m_client;
    QString m_label;
    HttpReply* m_reply = nullptr;
    JsonLineSplitter m_splitter;
    QTimer m_reconnectTimer;
    VoidResult m_lastError;
    int m_backoffMs = 500;
    bool m_running = false;
    bool m_connected = false;
    bool m_everConnected = false;
    bool m_everFailed = false; // an attempt failed or a connection dropped
};

} // namespace Knot
