#pragma once

#include "core/model/space.h"
#include "core/model/template.h"

#include <QDateTime>
#include <QHash>

// Sample templates and spaces for the widget tests and screenshots.
namespace SampleData {

inline Knot::Template goTemplate()
{
    Knot::Template tmpl;
    tmpl.id = QStringLiteral("11111111-1111-1111-1111-111111111111");
    tmpl.name = QStringLiteral("Go Development");
    tmpl.description = QStringLiteral("Go 1.22 with gopls, delve and code-server");
    tmpl.platform = Knot::Platform::Podman;
    tmpl.job = QStringLiteral("image: golang:1.22\n"
                              "container_name: ${{ .space.name }}\n"
                              "# the workspace survives restarts\n"
                              "volumes:\n"
                              "  - ${{ .space.id }}-home:/home/dev\n"
                              "environment:\n"
                              "  - \"GOPATH=/home/dev/go\"\n");
    tmpl.volumes = QStringLiteral("volumes:\n  ${{ .space.id }}-home:\n");
    tmpl.ports = {{QStringLiteral("web"), 8080, Knot::PortProtocol::Http},
                  {QStringLiteral("docs"), 6060, Knot::PortProtocol::Https},
                  {QStringLiteral("db"), 5432, Knot::PortProtocol::Tcp}};
    tmpl.customFields = {{QStringLiteral("repo"), QStringLiteral("Git repository to clone on first boot")},
                         {QStringLiteral("branch"), QStringLiteral("Branch to check out")}};
    tmpl.features.codeServer = true;
    tmpl.features.vscodeTunnel = true;
    tmpl.vnc = Knot::VncSettings {};
    return tmpl;
}

inline Knot::Template manualTemplate()
{
    Knot::Template tmpl;
    tmpl.id = QStringLiteral("22222222-2222-2222-2222-222222222222");
    tmpl.name = QStringLiteral("Build Server");
    tmpl.description = QStringLiteral("A machine registered by hand");
    tmpl.platform = Knot::Platform::Manual;
    return tmpl;
}

inline Knot::Template busyboxTemplate()
{
    Knot::Template tmpl;
    tmpl.id = QStringLiteral("33333333-3333-3333-3333-333333333333");
    tmpl.name = QStringLiteral("Busybox");
    tmpl.description = QStringLiteral("The smallest space there is");
    tmpl.job = QStringLiteral("image: busybox\n");
    return tmpl;
}

inline QList<Knot::Template> templates()
{
    return {goTemplate(), manualTemplate(), busyboxTemplate()};
}

inline Knot::Space space(const QString& id, const QString& name, Knot::SpaceState state, const QString& templateId)
{
    Knot::Space space;
    space.id = id;
    space.name = name;
    space.templateId = templateId;
    space.state = state;
    space.description = QStringLiteral("Space %1").arg(name);
    return space;
}

inline QList<Knot::Space> spaces()
{
    const QString go = goTemplate().id;
    auto running = space(QStringLiteral("s1"), QStringLiteral("api-server"), Knot::SpaceState::Running, go);
    running.description = QStringLiteral("Backend API work");
    running.startedAt = QDateTime::currentDateTimeUtc().addSecs(-(3 * 3600 + 12 * 60));
    running.startedHash = QStringLiteral("old-hash");
    auto starting = space(QStringLiteral("s2"), QStringLiteral("frontend"), Knot::SpaceState::Starting, go);
    auto failed =
        space(QStringLiteral("s3"), QStringLiteral("experiments"), Knot::SpaceState::Failed, busyboxTemplate().id);
    failed.lastError = QStringLiteral("image \"busybox\" not found and the pull policy is never");
    auto stopped = space(QStringLiteral("s4"), QStringLiteral("docs"), Knot::SpaceState::Stopped, go);
    stopped.volumeRecords = {{Knot::VolumeRecord::Kind::Volume, QStringLiteral("s4-home")},
                             {Knot::VolumeRecord::Kind::Path, QStringLiteral("/home/dev/knot/docs")}};
    auto manual =
        space(QStringLiteral("s5"), QStringLiteral("build-box"), Knot::SpaceState::Stopped, manualTemplate().id);
    return {running, starting, failed, stopped, manual};
}

inline QHash<QString, QString> hashes()
{
    return {{goTemplate().id, QStringLiteral("new-hash")}};
}

inline QHash<QString, int> spaceCounts()
{
    return {{goTemplate().id, 3}, {manualTemplate().id, 1}, {busyboxTemplate().id, 1}};
}

} // namespace SampleData
