#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Knot {

// A template's `job` after variable resolution and parsing: what the engine client turns into a
// container create request. Field meanings follow knot's container spec (see the format reference).
struct ContainerSpec
{
    struct Auth
    {
        QString username;
        QString password;
        friend bool operator==(const Auth&, const Auth&) = default;
    };

    struct Port
    {
        QString hostIp; // empty = 127.0.0.1 (the desktop never publishes on all interfaces by default)
        int hostPort = 0;
        int containerPort = 0;
        QString protocol = QStringLiteral("tcp"); // tcp or udp
        friend bool operator==(const Port&, const Port&) = default;
    };

    struct Mount
    {
        QString source;  // host path (starts with /, . or ~) or a named volume
        QString target;  // path inside the container
        QString options; // ro, rw, z, Z, nocopy or empty
        bool hostPath = false;
        friend bool operator==(const Mount&, const Mount&) = default;
    };

    struct Device
    {
        QString host;
        QString container;
        friend bool operator==(const Device&, const Device&) = default;
    };

    QString image;
    QString containerName;
    QString hostname;
    std::optional<Auth> auth;
    QList<Port> ports;
    QList<Mount> volumes;
    QStringList command;
    bool privileged = false;
    QString network;
    QStringList environment; // KEY=value
    QStringList capAdd;
    QStringList capDrop;
    QList<Device> devices;
    QStringList dns;
    QStringList dnsSearch;
    QStringList addHost;    // hostname:ip
    qint64 memoryBytes = 0; // 0 = no limit
    qint64 nanoCpus = 0;    // cpus × 1e9; 0 = no limit
    QString shell;          // accepted and ignored, as knot does

    friend bool operator==(const ContainerSpec&, const ContainerSpec&) = default;
};

// A template's `volumes` document after resolution: named volumes and managed host paths.
struct VolumeDefinition
{
    struct Volume
    {
        QString name;
        qint64 sizeBytes = 0; // 0 = engine default
        friend bool operator==(const Volume&, const Volume&) = default;
    };

    QList<Volume> volumes;
    QStringList paths;

    friend bool operator==(const VolumeDefinition&, const VolumeDefinition&) = default;
};

} // namespace Knot
