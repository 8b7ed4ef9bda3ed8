#pragma once

#include "core/engine/engineendpoint.h"
#include "core/engine/enginetypes.h"
#include "core/result.h"

#include <QFuture>
#include <QJsonObject>
#include <QObject>

class QIODevice;

namespace Knot {

class EngineJob;
class EventStream;
class ExecSession;

// What services and the UI know of a container engine. DockerClient implements it over the
// Docker Engine API (Docker and Podman); tests can substitute a fake.
//
// Calls return at once. Request/response calls deliver a QFuture<Result<T>> (attach continuations
// with .then(context, …)); streaming calls return a job object that reports progress and
// finishes once. Errors carry the engine's message and HTTP status (Kind::Engine) or say that
// the engine could not be reached (Kind::Unreachable).
class EngineClient : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual EngineEndpoint endpoint() const = 0;

    // Engine identity and the negotiated API version; also (re)negotiates.
    virtual QFuture<Result<EngineVersion>> version() = 0;
    virtual QFuture<VoidResult> ping() = 0;
    virtual QFuture<Result<EngineInfo>> info() = 0;
    // The API version requests use ("1.41"), empty until the first call negotiated it.
    virtual QString apiVersion() const { return {}; }

    // Containers. `body` is the create request (see ContainerRequestBuilder); returns the ID.
    virtual QFuture<Result<QString>> createContainer(const QString& name, const QJsonObject& body) = 0;
    virtual QFuture<VoidResult> startContainer(const QString& id) = 0;
    virtual QFuture<VoidResult> stopContainer(const QString& id, int graceSeconds) = 0;
    virtual QFuture<VoidResult> removeContainer(const QString& id, bool force, bool removeVolumes) = 0;
    virtual QFuture<Result<ContainerInfo>> inspectContainer(const QString& id) = 0;
    // All containers (running or not) carrying `label` ("key" or "key=value").
    virtual QFuture<Result<QList<ContainerInfo>>> listContainers(const QString& label) = 0;
    // Logs as output(); with follow, until the container stops or the job is cancelled.
    virtual EngineJob* containerLogs(const QString& id, const LogOptions& options, QObject* parent) = 0;
    // Unpacks a tar archive into directory `path` inside the container.
    virtual QFuture<VoidResult> putArchive(const QString& id, const QString& path, const QByteArray& tar) = 0;

    // Images. `registryAuth` is the X-Registry-Auth value (base64url JSON), or empty.
    virtual QFuture<Result<ImageInfo>> inspectImage(const QString& reference) = 0;
    virtual EngineJob* pullImage(const QString& reference, const QByteArray& registryAuth, QObject* parent) = 0;
    // Creates image `reference` from a root file system tarball read from `tar` (kept open by
    // the caller until the job finishes).
    virtual EngineJob* importImage(QIODevice* tar, const QString& reference, QObject* parent) = 0;
    virtual QFuture<VoidResult> removeImage(const QString& reference, bool force) = 0;

    // Volumes. Removing a volume that does not exist succeeds.
    virtual QFuture<Result<VolumeInfo>> createVolume(const QString& name, const Labels& labels) = 0;
    virtual QFuture<VoidResult> removeVolume(const QString& name, bool force) = 0;
    virtual QFuture<Result<QList<VolumeInfo>>> listVolumes(const QString& label) = 0;

    // An interactive process (a shell for the terminal) in a running container.
    virtual ExecSession* startExec(const QString& containerId, const ExecOptions& options, QObject* parent) = 0;
    // Runs a command to completion and collects its output and exit code.
    virtual QFuture<Result<ExecResult>> exec(const QString& containerId, const ExecOptions& options) = 0;

    // One long-lived event stream for objects carrying `label`; reconnects by itself.
    virtual EventStream* watchEvents(const QString& label, QObject* parent) = 0;
};

} // namespace Knot
