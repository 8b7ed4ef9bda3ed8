#include "core/engine/dockerclient.h"

#include "core/engine/enginejob.h"
#include "core/engine/eventstream.h"
#include "core/engine/execsession.h"
#include "core/engine/httpclient.h"
#include "core/engine/httpreply.h"
#include "core/engine/jsonlinesplitter.h"
#include "core/engine/multiplexedstreamdecoder.h"
#include "core/engine/pullprogress.h"
#include "core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPromise>
#include <QUrl>

#include <memory>

namespace Knot {

namespace {

// Engines below this cannot do what the app needs (Docker 20.10 and Podman 4 serve 1.41).
constexpr int OldestUsableMinor = 24;

QByteArray encode(const QString& text)
{
    return QUrl::toPercentEncoding(text);
}

// Image references keep their slashes and colons in paths: the engines route on them.
QByteArray encodeReference(const QString& reference)
{
    return QUrl::toPercentEncoding(reference, "/:@");
}

// "?a=1&b=2" from name/value pairs, values percent-encoded.
QByteArray query(std::initializer_list<std::pair<const char*, QString>> items)
{
    QByteArray out;
    for (const auto& [name, value] : items) {
        out += (out.isEmpty() ? "?" : "&") + QByteArray(name) + '=' + encode(value);
    }
    return out;
}

QString labelFilter(const QString& label)
{
    const QJsonObject filters {{QStringLiteral("label"), QJsonArray {label}}};
    return QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact));
}

HttpRequest request(const QByteArray& method, const QByteArray& target, const QJsonObject& body = {})
{
    HttpRequest req;
    req.method = method;
    req.target = target;
    if (!body.isEmpty()) {
        req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        req.setHeader("Content-Type", "application/json");
    }
    return req;
}

Labels labelsFrom(const QJsonValue& value)
{
    Labels labels;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        labels.insert(it.key(), it.value().toString());
    }
    return labels;
}

QJsonObject labelsTo(const Labels& labels)
{
    QJsonObject object;
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        object.insert(it.key(), it.value());
    }
    return object;
}

// The reply body as a JSON object or array (T = QJsonObject or QJsonArray).
template <typename T>
Result<T> jsonBody(const HttpResponse& response)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    const bool wanted = std::is_same_v<T, QJsonObject> ? document.isObject() : document.isArray();
    if (error.error != QJsonParseError::NoError || !wanted) {
        return Error {Error::Kind::Engine,
                      QStringLiteral("The engine sent an unreadable reply"),
                      error.errorString(),
                      response.status};
    }
    if constexpr (std::is_same_v<T, QJsonObject>) {
        return document.object();
    } else {
        return document.array();
    }
}

Result<QJsonObject> jsonObject(const HttpResponse& response)
{
    return jsonBody<QJsonObject>(response);
}

Result<QJsonArray> jsonArray(const HttpResponse& response)
{
    return jsonBody<QJsonArray>(response);
}

// "1.41" → 41; -1 when not a 1.x version.
int apiMinor(const QString& version)
{
    const QStringList parts = version.split(u'.');
    bool majorOk = false;
    bool minorOk = false;
    const int major = parts.value(0).toInt(&majorOk);
    const int minor = parts.value(1).toInt(&minorOk);
    return parts.size() == 2 && majorOk && minorOk && major == 1 ? minor : -1;
}

VolumeInfo volumeFrom(const QJsonObject& object)
{
    return {object.value(QStringLiteral("Name")).toString(),
            object.value(QStringLiteral("Driver")).toString(),
            object.value(QStringLiteral("Mountpoint")).toString(),
            labelsFrom(object.value(QStringLiteral("Labels"))),
            QDateTime::fromString(object.value(QStringLiteral("CreatedAt")).toString(), Qt::ISODateWithMs)};
}

// "busybox:1.36" → {"busybox", "1.36"}; digests and registry ports stay in the name.
std::pair<QString, QString> splitReference(const QString& reference)
{
    if (reference.contains(u'@')) {
        return {reference, {}};
    }
    const qsizetype colon = reference.lastIndexOf(u':');
    if (colon > reference.lastIndexOf(u'/')) {
        return {reference.left(colon), reference.mid(colon + 1)};
    }
    return {reference, QStringLiteral("latest")};
}

} // namespace

DockerClient::DockerClient(const EngineEndpoint& endpoint, QObject* parent)
    : EngineClient(parent), m_http(new HttpClient(endpoint, this))
{ }

DockerClient::~DockerClient() = default;

EngineEndpoint DockerClient::endpoint() const
{
    return m_http->endpoint();
}

Error DockerClient::errorFromResponse(const HttpResponse& response, const QByteArray& what)
{
    QString message = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("message")).toString();
    if (message.isEmpty()) {
        message = QString::fromUtf8(response.body.left(500)).trimmed();
    }
    if (message.isEmpty()) {
        message = QStringLiteral("HTTP %1 %2").arg(response.status).arg(QString::fromLatin1(response.reason));
    }
    return Error {Error::Kind::Engine,
                  message,
                  QStringLiteral("%1: HTTP %2").arg(QString::fromUtf8(what), QString::number(response.status)),
                  response.status};
}

Result<EngineVersion> DockerClient::parseVersion(const QByteArray& json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    EngineVersion version;
    version.productVersion = object.value(QStringLiteral("Version")).toString();
    version.serverApiVersion = object.value(QStringLiteral("ApiVersion")).toString();
    version.minApiVersion = object.value(QStringLiteral("MinAPIVersion")).toString();
    version.os = object.value(QStringLiteral("Os")).toString();
    version.arch = object.value(QStringLiteral("Arch")).toString();
    if (version.serverApiVersion.isEmpty()) {
        return Error {Error::Kind::Engine,
                      QStringLiteral("The engine did not report an API version; is this a Docker-compatible engine?"),
                      {}};
    }
    // Podman names itself among the components ("Podman Engine"); Docker says "Engine".
    version.kind = EngineRecord::Kind::Docker;
    const QJsonArray components = object.value(QStringLiteral("Components")).toArray();
    for (const QJsonValue& component : components) {
        if (component.toObject()
                .value(QStringLiteral("Name"))
                .toString()
                .contains(QStringLiteral("Podman"), Qt::CaseInsensitive)) {
            version.kind = EngineRecord::Kind::Podman;
        }
    }
    if (object.value(QStringLiteral("Platform"))
            .toObject()
            .value(QStringLiteral("Name"))
            .toString()
            .contains(QStringLiteral("Podman"), Qt::CaseInsensitive)) {
        version.kind = EngineRecord::Kind::Podman;
    }

    const int theirs = apiMinor(version.serverApiVersion);
    const int theirMin = version.minApiVersion.isEmpty() ? 0 : apiMinor(version.minApiVersion);
    if (theirMin > OurApiMinor) {
        return Error {Error::Kind::Unsupported,
                      QStringLiteral("The engine requires API version %1 or newer; Knot Desktop speaks up to 1.%2")
                          .arg(version.minApiVersion)
                          .arg(OurApiMinor),
                      {}};
    }
    if (theirs < OldestUsableMinor) {
        if (version.kind != EngineRecord::Kind::Podman) {
            return Error {Error::Kind::Unsupported,
                          QStringLiteral("The engine's API version %1 is too old (1.%2 or newer is needed)")
                              .arg(version.serverApiVersion)
                              .arg(OldestUsableMinor),
                          {}};
        }
        // Some Podman releases reported a bogus version (1.0.0) while serving the 1.41 API.
        version.apiVersion = QStringLiteral("1.41");
        return version;
    }
    version.apiVersion = QStringLiteral("1.%1").arg(std::min(theirs, OurApiMinor));
    return version;
}

void DockerClient::withApi(QObject* context, std::function<void(VoidResult)> then)
{
    if (m_negotiated) {
        then({});
        return;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(then)});
    if (m_negotiating) {
        return;
    }
    m_negotiating = true;
    HttpRequest req = request("GET", "/version");
    req.timeoutMs = 30000;
    HttpReply* reply = m_http->send(req, this);
    connect(reply, &HttpReply::finished, this, [this, reply] {
        reply->deleteLater();
        VoidResult outcome;
        if (!reply->result().ok()) {
            outcome = reply->result().error();
        } else if (!reply->response().isSuccess()) {
            outcome = errorFromResponse(reply->response(), "GET /version");
        } else if (Result<EngineVersion> parsed = parseVersion(reply->response().body); !parsed.ok()) {
            outcome = parsed.error();
        } else {
            m_version = *parsed;
            m_prefix = "/v" + m_version.apiVersion.toLatin1();
            m_negotiated = true;
            qCDebug(lcEngine) << "engine" << endpoint().toString() << "speaks" << m_version.serverApiVersion << "using"
                              << m_version.apiVersion;
        }
        m_negotiating = false;
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto& [receiver, callback] : waiting) {
            if (receiver) {
                callback(outcome);
            }
        }
    });
}

HttpReply* DockerClient::sendVersioned(HttpRequest req, QObject* parent)
{
    req.target = m_prefix + req.target;
    return m_http->send(std::move(req), parent);
}

void DockerClient::call(HttpRequest req, ResponseHandler handler)
{
    withApi(this, [this, req = std::move(req), handler = std::move(handler)](VoidResult ready) mutable {
        if (!ready.ok()) {
            handler(ready.error());
            return;
        }
        HttpReply* reply = sendVersioned(std::move(req), this);
        connect(reply, &HttpReply::finished, this, [reply, handler] {
            reply->deleteLater();
            if (!reply->result().ok()) {
                handler(reply->result().error());
            } else {
                handler(reply->response());
            }
        });
    });
}

template <typename T>
QFuture<Result<T>> DockerClient::callFor(HttpRequest req, std::function<Result<T>(const HttpResponse&)> convert)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    const QByteArray what = req.method + ' ' + req.target;
    call(std::move(req), [promise, convert, what](Result<HttpResponse> response) {
        if (!response.ok()) {
            promise->addResult(Result<T>(response.error()));
        } else if (!response->isSuccess()) {
            promise->addResult(Result<T>(errorFromResponse(*response, what)));
        } else {
            promise->addResult(convert(*response));
        }
        promise->finish();
    });
    return promise->future();
}

QFuture<VoidResult> DockerClient::callVoid(HttpRequest req, QList<int> alsoOk)
{
    auto promise = std::make_shared<QPromise<VoidResult>>();
    promise->start();
    const QByteArray what = req.method + ' ' + req.target;
    call(std::move(req), [promise, alsoOk, what](Result<HttpResponse> response) {
        if (!response.ok()) {
            promise->addResult(VoidResult(response.error()));
        } else if (!response->isSuccess() && !alsoOk.contains(response->status)) {
            promise->addResult(VoidResult(errorFromResponse(*response, what)));
        } else {
            promise->addResult(VoidResult());
        }
        promise->finish();
    });
    return promise->future();
}

QFuture<Result<EngineVersion>> DockerClient::version()
{
    // Asking for the version renegotiates: the engine may have been upgraded or replaced.
    if (!m_negotiating) {
        m_negotiated = false;
    }
    auto promise = std::make_shared<QPromise<Result<EngineVersion>>>();
    promise->start();
    withApi(this, [this, promise](VoidResult ready) {
        promise->addResult(ready.ok() ? Result<EngineVersion>(m_version) : Result<EngineVersion>(ready.error()));
        promise->finish();
    });
    return promise->future();
}

QFuture<VoidResult> DockerClient::ping()
{
    return callVoid(request("GET", "/_ping"));
}

QFuture<Result<EngineInfo>> DockerClient::info()
{
    return callFor<EngineInfo>(request("GET", "/info"), [](const HttpResponse& response) -> Result<EngineInfo> {
        Result<QJsonObject> object = jsonObject(response);
        if (!object.ok()) {
            return object.error();
        }
        EngineInfo info;
        info.name = object->value(QStringLiteral("Name")).toString();
        info.serverVersion = object->value(QStringLiteral("ServerVersion")).toString();
        info.operatingSystem = object->value(QStringLiteral("OperatingSystem")).toString();
        info.storageDriver = object->value(QStringLiteral("Driver")).toString();
        info.cgroupVersion = object->value(QStringLiteral("CgroupVersion")).toString();
        info.cpus = object->value(QStringLiteral("NCPU")).toInt();
        info.memoryBytes = object->value(QStringLiteral("MemTotal")).toInteger();
        info.containers = object->value(QStringLiteral("Containers")).toInt();
        info.images = object->value(QStringLiteral("Images")).toInt();
        return info;
    });
}

QFuture<Result<QString>> DockerClient::createContainer(const QString& name, const QJsonObject& body)
{
    HttpRequest req =
        request("POST", "/containers/create" + (name.isEmpty() ? QByteArray() : query({{"name", name}})), body);
    return callFor<QString>(req, [](const HttpResponse& response) -> Result<QString> {
        Result<QJsonObject> object = jsonObject(response);
        if (!object.ok()) {
            return object.error();
        }
        return object->value(QStringLiteral("Id")).toString();
    });
}

QFuture<VoidResult> DockerClient::startContainer(const QString& id)
{
    // 304: already running, which is what the caller wanted.
    return callVoid(request("POST", "/containers/" + encode(id) + "/start"), {304});
}

QFuture<VoidResult> DockerClient::stopContainer(const QString& id, int graceSeconds)
{
    HttpRequest req =
        request("POST", "/containers/" + encode(id) + "/stop" + query({{"t", QString::number(graceSeconds)}}));
    req.timeoutMs = (graceSeconds + 60) * 1000;
    return callVoid(req, {304});
}

QFuture<VoidResult> DockerClient::removeContainer(const QString& id, bool force, bool removeVolumes)
{
    return callVoid(request("DELETE",
                            "/containers/" + encode(id)
                                + query({{"force", force ? QStringLiteral("1") : QStringLiteral("0")},
                                         {"v", removeVolumes ? QStringLiteral("1") : QStringLiteral("0")}})));
}

Result<ContainerInfo> DockerClient::parseContainer(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError) {
        return Error {Error::Kind::Engine, QStringLiteral("The engine sent an unreadable reply"), error.errorString()};
    }
    ContainerInfo info;
    info.raw = object;
    info.id = object.value(QStringLiteral("Id")).toString();
    info.name = object.value(QStringLiteral("Name")).toString();
    if (info.name.startsWith(u'/')) {
        info.name.remove(0, 1);
    }
    const QJsonObject config = object.value(QStringLiteral("Config")).toObject();
    info.image = config.value(QStringLiteral("Image")).toString();
    info.labels = labelsFrom(config.value(QStringLiteral("Labels")));
    info.tty = config.value(QStringLiteral("Tty")).toBool();
    info.created = QDateTime::fromString(object.value(QStringLiteral("Created")).toString(), Qt::ISODateWithMs);
    const QJsonObject state = object.value(QStringLiteral("State")).toObject();
    info.state.status = state.value(QStringLiteral("Status")).toString();
    info.state.running = state.value(QStringLiteral("Running")).toBool();
    info.state.exitCode = state.value(QStringLiteral("ExitCode")).toInt();
    info.state.error = state.value(QStringLiteral("Error")).toString();
    info.state.oomKilled = state.value(QStringLiteral("OOMKilled")).toBool();
    info.state.startedAt =
        QDateTime::fromString(state.value(QStringLiteral("StartedAt")).toString(), Qt::ISODateWithMs);
    info.state.finishedAt =
        QDateTime::fromString(state.value(QStringLiteral("FinishedAt")).toString(), Qt::ISODateWithMs);
    // "8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "18080"}] or null when not published.
    const QJsonObject ports =
        object.value(QStringLiteral("NetworkSettings")).toObject().value(QStringLiteral("Ports")).toObject();
    for (auto it = ports.begin(); it != ports.end(); ++it) {
        ContainerPort port;
        port.containerPort = it.key().section(u'/', 0, 0).toInt();
        port.protocol = it.key().section(u'/', 1, 1);
        const QJsonArray bindings = it.value().toArray();
        if (bindings.isEmpty()) {
            info.ports.append(port);
        }
        for (const QJsonValue& binding : bindings) {
            ContainerPort bound = port;
            bound.hostIp = binding.toObject().value(QStringLiteral("HostIp")).toString();
            bound.hostPort = binding.toObject().value(QStringLiteral("HostPort")).toString().toInt();
            info.ports.append(bound);
        }
    }
    return info;
}

QFuture<Result<ContainerInfo>> DockerClient::inspectContainer(const QString& id)
{
    return callFor<ContainerInfo>(request("GET", "/containers/" + encode(id) + "/json"),
                                  [](const HttpResponse& response) { return parseContainer(response.body); });
}

QFuture<Result<QList<ContainerInfo>>> DockerClient::listContainers(const QString& label)
{
    HttpRequest req =
        request("GET", "/containers/json" + query({{"all", QStringLiteral("1")}, {"filters", labelFilter(label)}}));
    return callFor<QList<ContainerInfo>>(req, [](const HttpResponse& response) -> Result<QList<ContainerInfo>> {
        Result<QJsonArray> array = jsonArray(response);
        if (!array.ok()) {
            return array.error();
        }
        QList<ContainerInfo> containers;
        for (const QJsonValue& value : *array) {
            const QJsonObject object = value.toObject();
            ContainerInfo info;
            info.id = object.value(QStringLiteral("Id")).toString();
            info.name = object.value(QStringLiteral("Names")).toArray().first().toString();
            if (info.name.startsWith(u'/')) {
                info.name.remove(0, 1);
            }
            info.image = object.value(QStringLiteral("Image")).toString();
            info.labels = labelsFrom(object.value(QStringLiteral("Labels")));
            info.state.status = object.value(QStringLiteral("State")).toString();
            info.state.running = info.state.status == QStringLiteral("running");
            // Seconds since the epoch here (the inspect reply has an ISO date).
            info.created = QDateTime::fromSecsSinceEpoch(object.value(QStringLiteral("Created")).toInteger(), Qt::UTC);
            containers.append(info);
        }
        return containers;
    });
}

EngineJob* DockerClient::containerLogs(const QString& id, const LogOptions& options, QObject* parent)
{
    auto* job = new EngineJob(parent);
    // Whether the stream is multiplexed depends on the container's TTY setting.
    inspectContainer(id).then(job, [this, job, id, options](Result<ContainerInfo> info) {
        if (job->isFinished()) {
            return;
        }
        if (!info.ok()) {
            job->reportFinished(info.error());
            return;
        }
        startLogs(job, id, options, info->tty);
    });
    return job;
}

void DockerClient::startLogs(EngineJob* job, const QString& id, const LogOptions& options, bool tty)
{
    HttpRequest req =
        request("GET",
                "/containers/" + encode(id) + "/logs"
                    + query({{"stdout", QStringLiteral("1")},
                             {"stderr", QStringLiteral("1")},
                             {"follow", options.follow ? QStringLiteral("1") : QStringLiteral("0")},
                             {"tail", options.tail < 0 ? QStringLiteral("all") : QString::number(options.tail)}}));
    req.streaming = true;
    req.timeoutMs = 30000;
    HttpReply* reply = sendVersioned(req, job);
    auto decoder = std::make_shared<MultiplexedStreamDecoder>();
    auto errorBody = std::make_shared<QByteArray>();
    job->setCancelHandler([reply] { reply->abort(); });
    connect(reply, &HttpReply::dataReceived, job, [job, reply, tty, decoder, errorBody](const QByteArray& data) {
        if (!reply->response().isSuccess()) {
            *errorBody += data;
        } else if (tty) {
            job->reportOutput(data, false);
        } else {
            for (const auto& frame : decoder->feed(data)) {
                job->reportOutput(frame.data, frame.stream == MultiplexedStreamDecoder::Stream::Stderr);
            }
        }
    });
    connect(reply, &HttpReply::finished, job, [job, reply, errorBody, req] {
        reply->deleteLater();
        if (!reply->result().ok()) {
            job->reportFinished(reply->result().error());
        } else if (!reply->response().isSuccess()) {
            HttpResponse response = reply->response();
            response.body = *errorBody;
            job->reportFinished(errorFromResponse(response, req.method + ' ' + req.target));
        } else {
            job->reportFinished({});
        }
    });
}

QFuture<VoidResult> DockerClient::putArchive(const QString& id, const QString& path, const QByteArray& tar)
{
    HttpRequest req = request("PUT", "/containers/" + encode(id) + "/archive" + query({{"path", path}}));
    req.body = tar;
    req.setHeader("Content-Type", "application/x-tar");
    return callVoid(req);
}

QFuture<Result<ImageInfo>> DockerClient::inspectImage(const QString& reference)
{
    return callFor<ImageInfo>(
        request("GET", "/images/" + encodeReference(reference) + "/json"),
        [](const HttpResponse& response) -> Result<ImageInfo> {
            Result<QJsonObject> object = jsonObject(response);
            if (!object.ok()) {
                return object.error();
            }
            ImageInfo info;
            info.id = object->value(QStringLiteral("Id")).toString();
            for (const QJsonValue& tag : object->value(QStringLiteral("RepoTags")).toArray()) {
                info.repoTags.append(tag.toString());
            }
            info.sizeBytes = object->value(QStringLiteral("Size")).toInteger();
            info.created = object->value(QStringLiteral("Created")).toString();
            info.labels =
                labelsFrom(object->value(QStringLiteral("Config")).toObject().value(QStringLiteral("Labels")));
            return info;
        });
}

void DockerClient::runImageStream(EngineJob* job, HttpRequest req)
{
    req.streaming = true;
    req.timeoutMs = 0; // a pull takes as long as the network needs; the caller can cancel
    withApi(job, [this, job, req](VoidResult ready) {
        if (job->isFinished()) {
            return;
        }
        if (!ready.ok()) {
            job->reportFinished(ready.error());
            return;
        }
        HttpReply* reply = sendVersioned(req, job);
        auto splitter = std::make_shared<JsonLineSplitter>();
        auto progress = std::make_shared<PullProgress>();
        auto errorBody = std::make_shared<QByteArray>();
        job->setCancelHandler([reply] { reply->abort(); });
        auto consume = [job, progress](const QList<QJsonObject>& objects) {
            for (const QJsonObject& object : objects) {
                progress->consume(object);
            }
            if (!objects.isEmpty()) {
                job->reportProgress(progress->percent(), progress->statusText());
            }
        };
        connect(reply, &HttpReply::dataReceived, job, [reply, splitter, errorBody, consume](const QByteArray& data) {
            if (reply->response().isSuccess()) {
                consume(splitter->feed(data));
            } else {
                *errorBody += data;
            }
        });
        connect(reply, &HttpReply::finished, job, [job, reply, splitter, progress, errorBody, consume, req] {
            reply->deleteLater();
            const QByteArray what = req.method + ' ' + req.target;
            if (!reply->result().ok()) {
                job->reportFinished(reply->result().error());
                return;
            }
            if (!reply->response().isSuccess()) {
                HttpResponse response = reply->response();
                response.body = *errorBody;
                job->reportFinished(errorFromResponse(response, what));
                return;
            }
            consume(splitter->finish());
            if (const auto error = progress->error()) {
                // The stream said 200 and then reported failure inside it.
                job->reportFinished(Error {Error::Kind::Engine, *error, QString::fromUtf8(what), 200});
                return;
            }
            job->reportProgress(100, progress->statusText());
            job->reportFinished({});
        });
    });
}

EngineJob* DockerClient::pullImage(const QString& reference, const QByteArray& registryAuth, QObject* parent)
{
    auto* job = new EngineJob(parent);
    const auto [name, tag] = splitReference(reference);
    HttpRequest req = request(
        "POST",
        "/images/create" + (tag.isEmpty() ? query({{"fromImage", name}}) : query({{"fromImage", name}, {"tag", tag}})));
    if (!registryAuth.isEmpty()) {
        req.setHeader("X-Registry-Auth", registryAuth);
    }
    runImageStream(job, req);
    return job;
}

EngineJob* DockerClient::importImage(QIODevice* tar, const QString& reference, QObject* parent)
{
    auto* job = new EngineJob(parent);
    // The tag goes inside `repo`: Podman ignores the separate `tag` parameter on import.
    const auto [name, tag] = splitReference(reference);
    const QString repo = tag.isEmpty() ? name : name + u':' + tag;
    HttpRequest req = request("POST", "/images/create" + query({{"fromSrc", QStringLiteral("-")}, {"repo", repo}}));
    req.bodyDevice = tar;
    req.setHeader("Content-Type", "application/x-tar");
    runImageStream(job, req);
    return job;
}

QFuture<VoidResult> DockerClient::removeImage(const QString& reference, bool force)
{
    return callVoid(request("DELETE",
                            "/images/" + encodeReference(reference)
                                + query({{"force", force ? QStringLiteral("1") : QStringLiteral("0")}})));
}

QFuture<Result<VolumeInfo>> DockerClient::createVolume(const QString& name, const Labels& labels)
{
    const QJsonObject body {{QStringLiteral("Name"), name}, {QStringLiteral("Labels"), labelsTo(labels)}};
    return callFor<VolumeInfo>(request("POST", "/volumes/create", body),
                               [](const HttpResponse& response) -> Result<VolumeInfo> {
                                   Result<QJsonObject> object = jsonObject(response);
                                   if (!object.ok()) {
                                       return object.error();
                                   }
                                   return volumeFrom(*object);
                               });
}

QFuture<VoidResult> DockerClient::removeVolume(const QString& name, bool force)
{
    return callVoid(
        request("DELETE",
                "/volumes/" + encode(name) + (force ? query({{"force", QStringLiteral("1")}}) : QByteArray())),
        {404});
}

QFuture<Result<QList<VolumeInfo>>> DockerClient::listVolumes(const QString& label)
{
    return callFor<QList<VolumeInfo>>(request("GET", "/volumes" + query({{"filters", labelFilter(label)}})),
                                      [](const HttpResponse& response) -> Result<QList<VolumeInfo>> {
                                          Result<QJsonObject> object = jsonObject(response);
                                          if (!object.ok()) {
                                              return object.error();
                                          }
                                          QList<VolumeInfo> volumes;
                                          for (const QJsonValue& value :
                                               object->value(QStringLiteral("Volumes")).toArray()) {
                                              volumes.append(volumeFrom(value.toObject()));
                                          }
                                          return volumes;
                                      });
}

ExecSession* DockerClient::startExec(const QString& containerId, const ExecOptions& options, QObject* parent)
{
    auto* session = new ExecSession(this, containerId, options, parent);
    QMetaObject::invokeMethod(session, &ExecSession::begin, Qt::QueuedConnection);
    return session;
}

QFuture<Result<ExecResult>> DockerClient::exec(const QString& containerId, const ExecOptions& options)
{
    auto promise = std::make_shared<QPromise<Result<ExecResult>>>();
    promise->start();
    ExecOptions runOptions = options;
    runOptions.attachStdin = false;
    ExecSession* session = startExec(containerId, runOptions, this);
    auto collected = std::make_shared<ExecResult>();
    connect(session, &ExecSession::output, session, [collected](const QByteArray& data) {
        collected->standardOutput += data;
    });
    connect(session, &ExecSession::errorOutput, session, [collected](const QByteArray& data) {
        collected->standardError += data;
    });
    connect(session, &ExecSession::finished, session, [session, promise, collected](int exitCode) {
        session->deleteLater();
        if (session->state() == ExecSession::State::Failed) {
            promise->addResult(Result<ExecResult>(session->error().error()));
        } else {
            collected->exitCode = exitCode;
            promise->addResult(Result<ExecResult>(*collected));
        }
        promise->finish();
    });
    return promise->future();
}

EventStream* DockerClient::watchEvents(const QString& label, QObject* parent)
{
    return new EventStream(this, label, parent);
}

} // namespace Knot
