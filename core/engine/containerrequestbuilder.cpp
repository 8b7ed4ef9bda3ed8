#include "core/engine/containerrequestbuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVersionNumber>

namespace Knot {

namespace {

const QVersionNumber oldestApi(1, 41);

QJsonArray toArray(const QStringList& values)
{
    return QJsonArray::fromStringList(values);
}

QString portKey(const ContainerSpec::Port& port)
{
    return QString::number(port.containerPort) + u'/' + port.protocol;
}

} // namespace

ContainerRequestBuilder::ContainerRequestBuilder(QString homeDir)
    : m_homeDir(homeDir.isEmpty() ? QString() : QDir::cleanPath(homeDir))
{ }

Result<ContainerCreateRequest> ContainerRequestBuilder::build(const ContainerSpec& spec,
                                                              const QMap<QString, QString>& labels,
                                                              const QString& apiVersion) const
{
    const QVersionNumber version = QVersionNumber::fromString(apiVersion);
    if (version.isNull() || version < oldestApi) {
        return Error {
            Error::Kind::Unsupported,
            QStringLiteral("The engine's API version %1 is too old (1.41 or newer is needed)").arg(apiVersion),
            {}};
    }

    if (m_homeDir.isEmpty()) {
        for (const ContainerSpec::Mount& mount : spec.volumes) {
            if (mount.hostPath && !QDir::isAbsolutePath(mount.source)) {
                return Error::invalid(QStringLiteral("The volume %1:%2 needs a home folder, and the engine runs on "
                                                     "another machine: use an absolute path on that machine")
                                          .arg(mount.source, mount.target));
            }
        }
    }

    QJsonObject body;
    body.insert(QStringLiteral("Image"), spec.image);
    if (!spec.hostname.isEmpty()) {
        body.insert(QStringLiteral("Hostname"), spec.hostname);
    }
    // No command keeps the image's own CMD.
    if (!spec.command.isEmpty()) {
        body.insert(QStringLiteral("Cmd"), toArray(spec.command));
    }
    if (!spec.environment.isEmpty()) {
        body.insert(QStringLiteral("Env"), toArray(spec.environment));
    }
    QJsonObject labelObject;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        labelObject.insert(it.key(), it.value());
    }
    body.insert(QStringLiteral("Labels"), labelObject);
    // Terminals are exec sessions with their own TTY; the main process needs neither a TTY nor stdin.
    body.insert(QStringLiteral("Tty"), false);
    body.insert(QStringLiteral("OpenStdin"), false);
    if (!spec.ports.isEmpty()) {
        QJsonObject exposed;
        for (const auto& port : spec.ports) {
            exposed.insert(portKey(port), QJsonObject());
        }
        body.insert(QStringLiteral("ExposedPorts"), exposed);
    }
    body.insert(QStringLiteral("HostConfig"), hostConfig(spec));

    ContainerCreateRequest request;
    request.name = spec.containerName;
    request.body = body;
    if (spec.auth) {
        request.registryAuth = registryAuth(*spec.auth);
    }
    return request;
}

QJsonObject ContainerRequestBuilder::hostConfig(const ContainerSpec& spec) const
{
    QJsonObject host;
    QJsonArray binds;
    for (const auto& mount : spec.volumes) {
        binds.append(bind(mount));
    }
    host.insert(QStringLiteral("Binds"), binds);

    QJsonObject bindings;
    for (const auto& port : spec.ports) {
        // Never all interfaces by default: a desktop's development services stay on this machine.
        QJsonObject binding {
            {QStringLiteral("HostIp"), port.hostIp.isEmpty() ? QStringLiteral("127.0.0.1") : port.hostIp},
            {QStringLiteral("HostPort"), QString::number(port.hostPort)}};
        QJsonArray list = bindings.value(portKey(port)).toArray();
        list.append(binding);
        bindings.insert(portKey(port), list);
    }
    host.insert(QStringLiteral("PortBindings"), bindings);

    host.insert(QStringLiteral("Privileged"), spec.privileged);
    if (!spec.network.isEmpty()) {
        host.insert(QStringLiteral("NetworkMode"), spec.network);
    }
    // knot always adds CAP_AUDIT_WRITE: sshd and login-style tools in dev images need it.
    QStringList capAdd = spec.capAdd;
    if (!capAdd.contains(QStringLiteral("CAP_AUDIT_WRITE"))
        && !spec.capDrop.contains(QStringLiteral("CAP_AUDIT_WRITE"))) {
        capAdd.append(QStringLiteral("CAP_AUDIT_WRITE"));
    }
    host.insert(QStringLiteral("CapAdd"), toArray(capAdd));
    host.insert(QStringLiteral("CapDrop"), toArray(spec.capDrop));

    QJsonArray devices;
    for (const auto& device : spec.devices) {
        devices.append(QJsonObject {{QStringLiteral("PathOnHost"), device.host},
                                    {QStringLiteral("PathInContainer"), device.container},
                                    {QStringLiteral("CgroupPermissions"), QStringLiteral("rwm")}});
    }
    host.insert(QStringLiteral("Devices"), devices);
    host.insert(QStringLiteral("Dns"), toArray(spec.dns));
    host.insert(QStringLiteral("DnsSearch"), toArray(spec.dnsSearch));
    host.insert(QStringLiteral("ExtraHosts"), toArray(spec.addHost));
    if (spec.memoryBytes > 0) {
        host.insert(QStringLiteral("Memory"), spec.memoryBytes);
    }
    if (spec.nanoCpus > 0) {
        host.insert(QStringLiteral("NanoCpus"), spec.nanoCpus);
    }
    // The app decides restarts: a space the user stopped must stay stopped, and a space that died
    // must show Failed with its error instead of being silently restarted by the engine (knot uses
    // unless-stopped; the desktop does not).
    host.insert(QStringLiteral("RestartPolicy"), QJsonObject {{QStringLiteral("Name"), QStringLiteral("no")}});
    return host;
}

QByteArray ContainerRequestBuilder::registryAuth(const ContainerSpec::Auth& auth)
{
    const QJsonObject json {{QStringLiteral("username"), auth.username}, {QStringLiteral("password"), auth.password}};
    return QJsonDocument(json).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding);
}

QString ContainerRequestBuilder::bind(const ContainerSpec::Mount& mount) const
{
    QString source = mount.source;
    if (mount.hostPath) {
        if (source == u"~" || source.startsWith(QStringLiteral("~/"))) {
            source = m_homeDir + source.mid(1);
        } else if (source.startsWith(u'.')) {
            // A desktop app has no meaningful working directory: relative paths start at home.
            source = QDir(m_homeDir).absoluteFilePath(source);
        }
        source = QDir::cleanPath(source);
    }
    QString text = source + u':' + mount.target;
    if (!mount.options.isEmpty()) {
        text += u':' + mount.options;
    }
    return text;
}

} // namespace Knot
