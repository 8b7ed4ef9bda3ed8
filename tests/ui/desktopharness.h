#pragma once

#include "app/desktop/desktopcontroller.h"
#include "core/engine/dockerclient.h"
#include "core/space/enginemanager.h"
#include "core/space/reconciler.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "ui/appsettings.h"

#include "enginetestsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

// The desktop application as main() wires it, on a temporary database and settings file and the
// Podman test engine (KNOT_TEST_ENDPOINT), plus a client of its own to look into the engine.
class DesktopHarness
{
public:
    static constexpr int EngineTimeoutMs = KnotTest::EngineTimeoutMs;

    // Empty `error()` when everything is up.
    DesktopHarness()
    {
        m_endpoint = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        m_image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));
        if (m_endpoint.isEmpty() || !m_dir.isValid()) {
            m_error = QStringLiteral("KNOT_TEST_ENDPOINT is not set or no temporary folder");
            return;
        }
        auto db = Knot::Database::open(m_dir.filePath(QStringLiteral("knot.db")));
        auto endpoint = Knot::EngineEndpoint::parse(m_endpoint);
        if (!db || !endpoint) {
            m_error = (!db ? db.error() : endpoint.error()).toString();
            return;
        }
        m_db = std::move(*db);
        if (auto added = Knot::EngineStore(*m_db).add({{}, QStringLiteral("Test Podman"), m_endpoint, {}, true});
            !added) {
            m_error = added.error().toString();
            return;
        }
        m_qsettings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("desktop.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<Knot::AppSettings>(m_qsettings.get());
        m_engines = std::make_unique<Knot::EngineManager>(*m_db);
        m_service = std::make_unique<Knot::SpaceService>(*m_db, *m_engines);
        m_service->setStopGraceSeconds(1);
        m_reconciler = std::make_unique<Knot::Reconciler>(*m_service, *m_engines);
        m_controller =
            std::make_unique<Knot::DesktopController>(*m_db, *m_engines, *m_service, *m_reconciler, *m_settings);
        m_client = std::make_unique<Knot::DockerClient>(*endpoint);
    }

    ~DesktopHarness()
    {
        // Whatever a failed test left behind: everything labelled with this instance.
        if (!m_service) {
            return;
        }
        KnotTest::removeLabelled(*m_client, Knot::SpaceLabels::instanceFilter(m_service->instanceId()));
        m_controller.reset();
    }

    QString error() const { return m_error; }
    QString image() const { return m_image; }
    QString endpoint() const { return m_endpoint; }
    QString path() const { return m_dir.path(); }
    Knot::Database& db() { return *m_db; }
    Knot::SpaceService& service() { return *m_service; }
    Knot::Reconciler& reconciler() { return *m_reconciler; }
    Knot::DesktopController& controller() { return *m_controller; }
    Knot::DockerClient& client() { return *m_client; }

    template <typename R>
    static R await(QFuture<R> future)
    {
        return KnotTest::await(std::move(future));
    }

    static QString unique(const QString& prefix) { return KnotTest::unique(prefix); }

    // A container (created, not started) labelled as this app's, for space `spaceId`.
    Knot::Result<QString> createLabelledContainer(const QString& name, const QString& spaceId, const QString& hash = {})
    {
        QJsonObject labels {{Knot::SpaceLabels::Instance, m_service->instanceId()},
                            {Knot::SpaceLabels::SpaceId, spaceId}};
        if (!hash.isEmpty()) {
            labels.insert(Knot::SpaceLabels::TemplateHash, hash);
        }
        const QJsonObject body {{QStringLiteral("Image"), m_image},
                                {QStringLiteral("Cmd"), QJsonArray {QStringLiteral("sleep"), QStringLiteral("3600")}},
                                {QStringLiteral("Labels"), labels}};
        return await(m_client->createContainer(name, body));
    }

    bool containerExists(const QString& id) { return bool(await(m_client->inspectContainer(id))); }

    bool volumeExists(const QString& name)
    {
        const auto volumes = await(m_client->listVolumes(Knot::SpaceLabels::instanceFilter(m_service->instanceId())));
        return volumes
               && std::any_of(volumes->cbegin(), volumes->cend(), [&](const auto& v) { return v.name == name; });
    }

private:
    QTemporaryDir m_dir;
    QString m_error;
    QString m_endpoint;
    QString m_image;
    std::unique_ptr<Knot::Database> m_db;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<Knot::AppSettings> m_settings;
    std::unique_ptr<Knot::EngineManager> m_engines;
    std::unique_ptr<Knot::SpaceService> m_service;
    std::unique_ptr<Knot::Reconciler> m_reconciler;
    std::unique_ptr<Knot::DesktopController> m_controller;
    std::unique_ptr<Knot::DockerClient> m_client;
};
