#include "core/space/spacecontainerbody.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace Knot {

QJsonObject SpaceContainerBody::build(const ContainerSpec& spec, const Labels& labels)
{
    QJsonObject labelObject;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        labelObject.insert(it.key(), it.value());
    }
    QJsonObject body {{QStringLiteral("Image"), spec.image}, {QStringLiteral("Labels"), labelObject}};
    if (!spec.hostname.isEmpty()) {
        body.insert(QStringLiteral("Hostname"), spec.hostname);
    }
    if (!spec.command.isEmpty()) {
        body.insert(QStringLiteral("Cmd"), QJsonArray::fromStringList(spec.command));
    }
    if (!spec.environment.isEmpty()) {
        body.insert(QStringLiteral("Env"), QJsonArray::fromStringList(spec.environment));
    }
    QJsonObject host;
    // The app, not the engine, decides when a space runs: no restart policy.
    host.insert(QStringLiteral("RestartPolicy"), QJsonObject {{QStringLiteral("Name"), QStringLiteral("no")}});
    QJsonArray binds;
    for (const auto& mount : spec.volumes) {
        QString source = mount.source;
        if (source.startsWith(u'~')) {
            source = QDir::homePath() + source.mid(1);
        }
        binds.append(
            QString(source + u':' + mount.target + (mount.options.isEmpty() ? QString() : u':' + mount.options)));
    }
    if (!binds.isEmpty()) {
        host.insert(QStringLiteral("Binds"), binds);
    }
    QJsonObject exposed;
    QJsonObject bindings;
    for (const auto& port : spec.ports) {
        const QString key = QStringLiteral("%1/%2").arg(port.containerPort).arg(port.protocol);
        exposed.insert(key, QJsonObject());
        QJsonArray list = bindings.value(key).toArray();
        list.append(
            QJsonObject {{QStringLiteral("HostIp"), port.hostIp.isEmpty() ? QStringLiteral("127.0.0.1") : port.hostIp},
                         {QStringLiteral("HostPort"), QString::number(port.hostPort)}});
        bindings.insert(key, list);
    }
    if (!exposed.isEmpty()) {
        body.insert(QStringLiteral("ExposedPorts"), exposed);
        host.insert(QStringLiteral("PortBindings"), bindings);
    }
    host.insert(QStringLiteral("Privileged"), spec.privileged);
    if (!spec.network.isEmpty()) {
        host.insert(QStringLiteral("NetworkMode"), spec.network);
    }
    if (!spec.capAdd.isEmpty()) {
        host.insert(QStringLiteral("CapAdd"), QJsonArray::fromStringList(spec.capAdd));
    }
    if (!spec.capDrop.isEmpty()) {
        host.insert(QStringLiteral("CapDrop"), QJsonArray::fromStringList(spec.capDrop));
    }
    if (spec.memoryBytes > 0) {
        host.insert(QStringLiteral("Memory"), spec.memoryBytes);
    }
    if (spec.nanoCpus > 0) {
        host.insert(QStringLiteral("NanoCpus"), spec.nanoCpus);
    }
    body.insert(QStringLiteral("HostConfig"), host);
    return body;
}

QByteArray SpaceContainerBody::registryAuth(const ContainerSpec& spec)
{
    if (!spec.auth) {
        return {};
    }
    const QJsonObject auth {{QStringLiteral("username"), spec.auth->username},
                            {QStringLiteral("password"), spec.auth->password}};
    return QJsonDocument(auth).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace Knot
