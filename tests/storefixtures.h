#pragma once

#include "core/model/space.h"
#include "core/model/template.h"
#include "core/store/database.h"
#include "testutils.h"

#include <QTemporaryDir>

#include <memory>

// Shared by the store tests: a database in a temporary folder and records with every field set
// to something other than its default, so a round trip that drops a field fails.
namespace StoreFixtures {

// The test fails (returns null) when the database cannot be opened.
inline std::unique_ptr<Knot::Database> openDatabase(const QString& path)
{
    auto opened = Knot::Database::open(path);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().toString()));
        return nullptr;
    }
    return std::move(opened).value();
}

// A database in its own temporary folder, removed with it.
struct TemporaryDatabase
{
    QTemporaryDir dir;
    std::unique_ptr<Knot::Database> db = openDatabase(dir.filePath(QStringLiteral("knot.db")));

    int rowCount(const QString& table) const
    {
        auto count = db->exec(QStringLiteral("SELECT count(*) FROM ") + table);
        return count && count->next() ? count->value(0).toInt() : -1;
    }
};

// Millisecond precision: what the store keeps.
inline QDateTime someTime(int minutes)
{
    return QDateTime(QDate(2026, 3, 14), QTime(15, 9, 26, 535), Qt::UTC).addSecs(minutes * 60);
}

inline Knot::Template fullTemplate(const QString& name)
{
    Knot::Template t;
    t.name = name;
    t.description = QStringLiteral("Description of ") + name;
    t.icon = QStringLiteral("https://example.com/") + name + QStringLiteral(".svg");
    t.platform = Knot::Platform::Podman;
    t.job = QStringLiteral("container_name: ${{ .space.name }}\nimage: debian:12\n");
    t.volumes = QStringLiteral("volumes:\n  home-${{ .space.id }}:\n");
    t.ports = {{QStringLiteral("web"), 8080, Knot::PortProtocol::Https},
               {QStringLiteral("db"), 5432, Knot::PortProtocol::Tcp},
               {QStringLiteral("api"), 3000, Knot::PortProtocol::Http}};
    t.customFields = {{QStringLiteral("repo"), QStringLiteral("Repository to clone")},
                      {QStringLiteral("branch"), QStringLiteral("Branch — with “quotes”")}};
    t.features = {false, true, true, true, true, true};
    t.vnc = Knot::VncSettings {5905, Knot::VncTransport::WebSocket, QStringLiteral("s3cret")};
    t.codeServerPort = 12345;
    t.pullPolicy = Knot::PullPolicy::Never;
    t.extraYaml = QStringLiteral("schedule_enabled: true\n");
    t.createdAt = someTime(0);
    t.updatedAt = someTime(5);
    return t;
}

inline Knot::Space fullSpace(const QString& templateId, const QString& name)
{
    Knot::Space s;
    s.name = name;
    s.description = QStringLiteral("Space ") + name;
    s.icon = QStringLiteral("rocket");
    s.templateId = templateId;
    s.shell = QStringLiteral("zsh");
    s.additionalNames = {{name + QStringLiteral("-web"), 8080}, {name + QStringLiteral("-api"), 3000}};
    s.customFields = {{QStringLiteral("repo"), QStringLiteral("https://example.com/") + name + QStringLiteral(".git")},
                      {QStringLiteral("branch"), QStringLiteral("main")}};
    s.volumeRecords = {{Knot::VolumeRecord::Kind::Volume, name + QStringLiteral("-home")},
                       {Knot::VolumeRecord::Kind::Path, QStringLiteral("/srv/") + name}};
    s.state = Knot::SpaceState::Failed;
    s.lastError = QStringLiteral("image not found");
    s.containerId = QStringLiteral("c0ffee");
    s.startedHash = QStringLiteral("abc123");
    s.everStarted = true;
    s.createdAt = someTime(10);
    s.startedAt = someTime(20);
    return s;
}

} // namespace StoreFixtures
