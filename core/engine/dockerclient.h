#pragma once

#include "core/engine/engineclient.h"
#include "core/engine/httprequest.h"
#include "core/engine/httpresponse.h"

#include <QList>
#include <QPointer>

#include <functional>

namespace Knot {

class HttpClient;
class HttpReply;

// EngineClient over the Docker Engine API, spoken by Docker and by Podman's compat service.
// The API version is negotiated on first use (GET /version): min(ours, the engine's), refused
// when the engine's minimum is above ours; every path is then prefixed with /v1.xx.
class DockerClient : public EngineClient
{
    Q_OBJECT

public:
    // The newest API this client speaks; requests stay compatible down to 1.41.
    static constexpr int OurApiMinor = 47;

    explicit DockerClient(const EngineEndpoint& endpoint, QObject* parent = nullptr);
    ~DockerClient() override;

    EngineEndpoint endpoint() const override;
    // Known once negotiated.
    EngineVersion negotiated() const { return m_version; }
    // The connection layer (e.g. to see an ssh:// engine's tunnel).
    HttpClient* httpClient() const { return m_http; }

    QFuture<Result<EngineVersion>> version() override;
    QFuture<VoidResult> ping() override;
    QFuture<Result<EngineInfo>> info() override;
    QString apiVersion() const override { return m_negotiated ? m_version.apiVersion : QString(); }

    QFuture<Result<QString>> createContainer(const QString& name, const QJsonObject& body) override;
    QFuture<VoidResult> startContainer(const QString& id) override;
    QFuture<VoidResult> stopContainer(const QString& id, int graceSeconds) override;
    QFuture<VoidResult> removeContainer(const QString& id, bool force, bool removeVolumes) override;
    QFuture<Result<ContainerInfo>> inspectContainer(const QString& id) override;
    QFuture<Result<QList<ContainerInfo>>> listContainers(const QString& label) override;
    EngineJob* containerLogs(const QString& id, const LogOptions& options, QObject* parent) override;
    QFuture<VoidResult> putArchive(const QString& id, const QString& path, const QByteArray& tar) override;

    QFuture<Result<ImageInfo>> inspectImage(const QString& reference) override;
    EngineJob* pullImage(const QString& reference, const QByteArray& registryAuth, QObject* parent) override;
    EngineJob* importImage(QIODevice* tar, const QString& reference, QObject* parent) override;
    QFuture<VoidResult> removeImage(const QString& reference, bool force) override;

    QFuture<Result<VolumeInfo>> createVolume(const QString& name, const Labels& labels) override;
    QFuture<VoidResult> removeVolume(const QString& name, bool force) override;
    QFuture<Result<QList<VolumeInfo>>> listVolumes(const QString& label) override;

    ExecSession* startExec(const QString& containerId, const ExecOptions& options, QObject* parent) override;
    QFuture<Result<ExecResult>> exec(const QString& containerId, const ExecOptions& options) override;

    EventStream* watchEvents(const QString& label, QObject* parent) override;

    // Parsing of engine replies, public for unit tests.
    static Result<EngineVersion> parseVersion(const QByteArray& json);
    static Result<ContainerInfo> parseContainer(const QByteArray& json);
    static Error errorFromResponse(const HttpResponse& response, const QByteArray& what);

private:
    friend class ExecSession;
    friend class EventStream;

    using ResponseHandler = std::function<void(Result<HttpResponse>)>;

    // Runs `then` once the API version is known (negotiating first if needed), unless `context`
    // is gone by then.
    void withApi(QObject* context, std::function<void(VoidResult)> then);
    // A buffered request after negotiation; the handler gets transport errors, or any reply.
    void call(HttpRequest request, ResponseHandler handler);
    // Sends on the negotiated API (negotiation must have happened).
    HttpReply* sendVersioned(HttpRequest request, QObject* parent);
    // A call whose reply must be 2xx; `convert` turns its body into the value.
    template <typename T>
    QFuture<Result<T>> callFor(HttpRequest request, std::function<Result<T>(const HttpResponse&)> convert);
    QFuture<VoidResult> callVoid(HttpRequest request, QList<int> alsoOk = {});
    // Runs a streaming images/create request (pull or import) into `job`.
    void runImageStream(EngineJob* job, HttpRequest request);
    void startLogs(EngineJob* job, const QString& id, const LogOptions& options, bool tty);

    HttpClient* m_http = nullptr;
    EngineVersion m_version;
    QByteArray m_prefix; // "/v1.41"
    bool m_negotiated = false;
    bool m_negotiating = false;
    QList<std::pair<QPointer<QObject>, std::function<void(VoidResult)>>> m_waiting;
};

} // namespace Knot
