#pragma once

#include "core/engine/dockerclient.h"
#include "core/space/enginemanager.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/templatestore.h"
#include "enginetestsupport.h"

#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace KnotTest {

// A SpaceService on a temporary database with the test engine (KNOT_TEST_ENDPOINT) registered as
// the default, and a client of its own to look into the engine. Whatever the spaces left in the
// engine is removed when it goes.
struct ServiceFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Knot::Database> db;
    std::optional<Knot::EngineManager> engines;
    std::optional<Knot::SpaceService> service;
    std::optional<Knot::DockerClient> client;
    QString image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));

    // Empty when everything is up, else why not.
    QString setUp()
    {
        const QString endpoint = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        if (endpoint.isEmpty() || !dir.isValid()) {
            return QStringLiteral("KNOT_TEST_ENDPOINT is not set or no temporary folder");
        }
        auto opened = Knot::Database::open(dir.filePath(QStringLiteral("knot.db")));
        auto parsed = Knot::EngineEndpoint::parse(endpoint);
        if (!opened || !parsed) {
            return (!opened ? opened.error() : parsed.error()).toString();
        }
        db = std::move(opened.value());
        if (auto added = Knot::EngineStore(*db).add({{}, QStringLiteral("test"), endpoint, {}, true}); !added) {
            return added.error().toString();
        }
        engines.emplace(*db);
        service.emplace(*db, *engines);
        service->setStopGraceSeconds(0);
        client.emplace(*parsed);
        return {};
    }

    // Stores `tmpl` under a unique name and creates a space from it named `prefix` + a unique
    // suffix, started when `start`.
    Knot::Result<Knot::Space> createSpace(Knot::Template tmpl, const QString& prefix, bool start = true)
    {
        tmpl.name = unique(prefix + u'-');
        const auto stored = Knot::TemplateStore(*db).insert(tmpl);
        if (!stored) {
            return stored.error();
        }
        Knot::Space draft;
        draft.name = unique(prefix);
        draft.templateId = stored->id;
        return await(service->create(draft, start));
    }

    ~ServiceFixture()
    {
        if (service && client) {
            removeLabelled(*client, Knot::SpaceLabels::instanceFilter(service->instanceId()));
        }
    }
};

} // namespace KnotTest
