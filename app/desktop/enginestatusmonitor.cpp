#include "app/desktop/enginestatusmonitor.h"

#include "core/engine/engineclient.h"
#include "core/engine/eventstream.h"
#include "core/space/reconciler.h"
#include "core/store/enginestore.h"
#include "ui/settingsdialog.h"

namespace Knot {

EngineStatusMonitor::EngineStatusMonitor(
    Database& db, EngineManager& engines, Reconciler& reconciler, const QString& eventLabel, QObject* parent)
    : QObject(parent), m_db(db), m_engines(engines), m_label(eventLabel), m_name(tr("Looking for an engine"))
{
    connect(&m_engines, &EngineManager::defaultEngineStatusChanged, this, &EngineStatusMonitor::onSearch);
    // A reconciliation pass that got through means the engine answers again.
    connect(&reconciler, &Reconciler::reconciled, this, [this](EngineClient* client) {
        if (client == m_client && m_health != MainWindow::EngineHealth::Connected) {
            checkVersion();
        }
    });
}

void EngineStatusMonitor::start()
{
    if (!m_client) {
        set(MainWindow::EngineHealth::Connecting, {});
    }
    askDefault();
}

void EngineStatusMonitor::askDefault()
{
    m_engines.defaultClient().then(this, [this](const Result<EngineClient*>& client) {
        if (!client) {
            m_name = tr("No engine");
            set(MainWindow::EngineHealth::Unreachable, client.error().message);
            return;
        }
        follow(*client);
    });
}

void EngineStatusMonitor::onSearch(EngineManager::DefaultEngineStatus status, const QString& detail)
{
    switch (status) {
    case EngineManager::DefaultEngineStatus::Locating:
        m_name = tr("Looking for an engine");
        set(MainWindow::EngineHealth::Connecting, {});
        break;
    case EngineManager::DefaultEngineStatus::StartingEmbedded:
        m_name = tr("Embedded Podman");
        set(MainWindow::EngineHealth::Starting, tr("starting podman system service"));
        break;
    case EngineManager::DefaultEngineStatus::None:
        m_name = tr("No engine");
        set(MainWindow::EngineHealth::Unreachable, detail);
        break;
    case EngineManager::DefaultEngineStatus::Ready:
        // Possibly another engine than before (settings changed, embedded engine came up).
        askDefault();
        break;
    case EngineManager::DefaultEngineStatus::Unknown:
        break;
    }
}

QString EngineStatusMonitor::nameFor(EngineClient* client) const
{
    const QString endpoint = client->endpoint().toString();
    for (const auto& engine : EngineStore(m_db).list().valueOr({})) {
        if (engine.endpoint == endpoint && !engine.name.isEmpty()) {
            return engine.name;
        }
    }
    if (m_engines.embeddedPodman()) {
        return tr("Embedded Podman");
    }
    return endpoint;
}

void EngineStatusMonitor::follow(EngineClient* client)
{
    if (client == m_client) {
        return;
    }
    if (m_stream) {
        m_stream->stop();
        m_stream->deleteLater();
    }
    m_client = client;
    m_name = nameFor(client);
    set(MainWindow::EngineHealth::Connecting, client->endpoint().toString());
    m_streamWasUp = false;
    m_stream = client->watchEvents(m_label, this);
    connect(m_stream, &EventStream::connected, this, [this] {
        m_streamWasUp = true;
        checkVersion();
    });
    connect(m_stream, &EventStream::reconnected, this, &EngineStatusMonitor::checkVersion);
    EventStream* stream = m_stream;
    connect(stream, &EventStream::disconnected, this, [this, stream] {
        const QString why = stream->lastError().ok() ? QString() : stream->lastError().error().message;
        set(MainWindow::EngineHealth::Reconnecting,
            why.isEmpty() ? tr("connection lost") : tr("connection lost: %1").arg(why));
    });
    m_stream->start();
    checkVersion();
}

void EngineStatusMonitor::checkVersion()
{
    if (!m_client) {
        return;
    }
    QPointer<EngineClient> client = m_client;
    m_client->version().then(this, [this, client](const Result<EngineVersion>& version) {
        if (client != m_client) {
            return; // an answer about an engine no longer followed
        }
        if (version) {
            set(MainWindow::EngineHealth::Connected,
                tr("%1 at %2").arg(SettingsDialog::describe(*version), client->endpoint().toString()));
        } else if (m_streamWasUp) {
            // The stream retries by itself and says when it is back.
            set(MainWindow::EngineHealth::Reconnecting, tr("connection lost: %1").arg(version.error().message));
        } else {
            set(MainWindow::EngineHealth::Unreachable, version.error().message);
        }
    });
}

void EngineStatusMonitor::set(MainWindow::EngineHealth health, const QString& detail)
{
    if (health == m_health && detail == m_detail && m_name == m_shownName) {
        return;
    }
    m_shownName = m_name;
    m_health = health;
    m_detail = detail;
    Q_EMIT changed(m_name, m_health, m_detail);
}

} // namespace Knot
