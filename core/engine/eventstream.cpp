#include "core/engine/eventstream.h"

#include "core/engine/dockerclient.h"
#include "core/engine/httpreply.h"
#include "core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace Knot {

namespace {
constexpr int FirstBackoffMs = 500;
constexpr int MaxBackoffMs = 10000;
} // namespace

EventStream::EventStream(QObject* parent) : QObject(parent) { }

EventStream::EventStream(DockerClient* client, const QString& label, QObject* parent)
    : QObject(parent), m_client(client), m_label(label)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &EventStream::connectStream);
}

EventStream::~EventStream()
{
    stop();
}

void EventStream::start()
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_backoffMs = FirstBackoffMs;
    connectStream();
}

void EventStream::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    if (HttpReply* reply = std::exchange(m_reply, nullptr)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_connected) {
        m_connected = false;
        Q_EMIT disconnected();
    }
}

void EventStream::connectStream()
{
    if (!m_running || m_reply || !m_client) {
        return;
    }
    DockerClient* client = m_client;
    client->withApi(this, [this, client](VoidResult ready) {
        if (!m_running || m_reply) {
            return;
        }
        if (!ready.ok()) {
            m_lastError = ready;
            scheduleReconnect();
            return;
        }
        // Filter by our label only: Podman ANDed repeated filter keys (podman #10507).
        const QJsonObject filters {{QStringLiteral("label"), QJsonArray {m_label}}};
        HttpRequest req;
        req.method = "GET";
        req.target =
            "/events?filters="
            + QUrl::toPercentEncoding(QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact)));
        req.streaming = true;
        req.timeoutMs = 30000;
        m_splitter = JsonLineSplitter();
        m_reply = client->sendVersioned(req, this);
        connect(m_reply, &HttpReply::headersReceived, this, &EventStream::onHeaders);
        connect(m_reply, &HttpReply::dataReceived, this, &EventStream::onData);
        connect(m_reply, &HttpReply::finished, this, &EventStream::onFinished);
    });
}

void EventStream::onHeaders()
{
    if (!m_reply->response().isSuccess()) {
        return; // onFinished reports it
    }
    m_connected = true;
    m_backoffMs = FirstBackoffMs;
    m_lastError = {};
    if (std::exchange(m_everConnected, true)) {
        Q_EMIT reconnected();
        return;
    }
    Q_EMIT connected();
    // The engine was down when watching began: whatever happened meanwhile went unseen.
    if (m_everFailed) {
        Q_EMIT reconnected();
    }
}

void EventStream::onData(const QByteArray& data)
{
    if (m_reply && m_reply->response().isSuccess()) {
        emitEvents(m_splitter.feed(data));
    }
}

void EventStream::emitEvents(const QList<QJsonObject>& objects)
{
    for (const QJsonObject& object : objects) {
        EngineEvent e;
        e.type = object.value(QStringLiteral("Type")).toString();
        e.action = object.value(QStringLiteral("Action")).toString();
        const QJsonObject actor = object.value(QStringLiteral("Actor")).toObject();
        e.actorId = actor.value(QStringLiteral("ID")).toString();
        const QJsonObject attributes = actor.value(QStringLiteral("Attributes")).toObject();
        for (auto it = attributes.begin(); it != attributes.end(); ++it) {
            e.attributes.insert(it.key(), it.value().toString());
        }
        e.timeNano = object.value(QStringLiteral("timeNano")).toInteger();
        Q_EMIT event(e);
        if (!m_running) {
            return;
        }
    }
}

void EventStream::onFinished()
{
    HttpReply* reply = std::exchange(m_reply, nullptr);
    if (!reply) {
        return;
    }
    reply->deleteLater();
    if (!reply->result().ok()) {
        m_lastError = reply->result();
    } else if (!reply->response().isSuccess()) {
        m_lastError = DockerClient::errorFromResponse(reply->response(), "GET /events");
    } else {
        emitEvents(m_splitter.finish());
        m_lastError = Error {Error::Kind::Unreachable, QStringLiteral("The engine closed the event stream"), {}};
    }
    qCDebug(lcEngine) << "event stream ended:" << m_lastError.error().toString();
    if (m_connected) {
        m_connected = false;
        Q_EMIT disconnected();
    }
    scheduleReconnect();
}

void EventStream::scheduleReconnect()
{
    if (!m_running) {
        return;
    }
    m_everFailed = true;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, MaxBackoffMs);
}

} // namespace Knot
