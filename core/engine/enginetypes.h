#pragma once

#include "core/model/enginerecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Knot {

// Plain values the engine client hands out; no JSON or HTTP beyond this layer.

using Labels = QMap<QString, QString>;

struct EngineVersion
{
    EngineRecord::Kind kind = EngineRecord::Kind::Unknown;
    QString productVersion; // "20.10.24", "4.3.1"
    QString serverApiVersion;
    QString minApiVersion;
    QString apiVersion; // negotiated: min(ours, the server's)
    QString os;
    QString arch;
};

struct EngineInfo
{
    QString name;
    QString serverVersion;
    QString operatingSystem;
    QString storageDriver;
    QString cgroupVersion;
    int cpus = 0;
    qint64 memoryBytes = 0;
    int containers = 0;
    int images = 0;
};

struct ContainerState
{
    QString status; // created, running, paused, restarting, removing, exited, dead
    bool running = false;
    int exitCode = 0;
    QString error;
    bool oomKilled = false;
    QDateTime startedAt;
    QDateTime finishedAt;
};

struct ContainerPort
{
    int containerPort = 0;
    QString protocol; // tcp, udp
    QString hostIp;   // empty when not published
    int hostPort = 0; // 0 when not published

    // Where the published port answers on the engine's host: a wildcard address means 127.0.0.1.
    QString reachableHost() const
    {
        const bool wildcard = hostIp.isEmpty() || hostIp == u"0.0.0.0" || hostIp == u"::";
        return wildcard ? QStringLiteral("127.0.0.1") : hostIp;
    }
};

struct ContainerInfo
{
    QString id;
    QString name; // without the leading slash
    QString image;
    Labels labels;
    ContainerState state; // from a list: status and running only
    QList<ContainerPort> ports;
    bool tty = false;
    QJsonObject raw; // the whole inspect document (empty from a list), for details views and checks
    QDateTime created;
};

struct ImageInfo
{
    QString id;
    QStringList repoTags;
    qint64 sizeBytes = 0;
    QString created;
    Labels labels;
};

struct VolumeInfo
{
    QString name;
    QString driver;
    QString mountpoint;
    Labels labels;
    QDateTime created;
};

struct ExecOptions
{
    QStringList command;
    QStringList environment; // KEY=value
    QString user;
    QString workingDir;
    bool tty = false;
    bool attachStdin = true;
    int rows = 24; // initial console size (TTY only)
    int cols = 80;
};

struct ExecResult
{
    int exitCode = -1;
    QByteArray standardOutput; // with a TTY, everything arrives here
    QByteArray standardError;
};

struct LogOptions
{
    bool follow = false;
    int tail = -1; // lines from the end; -1 = all
};

// One engine event, e.g. Type "container", Action "die" (Podman: "died"), Actor.ID.
struct EngineEvent
{
    QString type;
    QString action;
    QString actorId;
    QMap<QString, QString> attributes; // labels and name
    qint64 timeNano = 0;
};

} // namespace Knot
