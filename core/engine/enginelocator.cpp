#include "core/engine/enginelocator.h"

#include "core/logging.h"

#include <QLocalSocket>
#include <QPromise>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <memory>
#include <vector>

namespace Knot {

namespace {

// Sends one `GET /_ping` on an opened socket and settles the promise from the reply. The socket
// deletes itself when done; the promise is settled exactly once.
template <typename Socket>
void pingOver(Socket* socket, std::shared_ptr<QPromise<bool>> promise, std::chrono::milliseconds timeout)
{
    auto settled = std::make_shared<bool>(false);
    auto settle = [socket, promise, settled](bool ok) {
        if (*settled)
            return;
        *settled = true;
        promise->addResult(ok);
        promise->finish();
        socket->abort();
        socket->deleteLater();
    };
    QObject::connect(socket, &Socket::connected, socket, [socket] {
        socket->write("GET /_ping HTTP/1.1\r\nHost: engine\r\nConnection: close\r\n\r\n");
    });
    QObject::connect(socket, &QIODevice::readyRead, socket, [socket, settle] {
        // Only peek: the reply may arrive in pieces, and "OK" must follow the headers.
        const QByteArray data = socket->peek(4096);
        const qsizetype headerEnd = data.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const bool status200 = data.startsWith("HTTP/1.1 200") || data.startsWith("HTTP/1.0 200");
        if (!status200)
            settle(false);
        else if (data.indexOf("OK", headerEnd) >= 0)
            settle(true);
    });
    QObject::connect(socket, &Socket::disconnected, socket, [settle] { settle(false); });
    QObject::connect(socket, &Socket::errorOccurred, socket, [settle] { settle(false); });
    QTimer::singleShot(timeout, socket, [settle] { settle(false); });
}

QFuture<bool> ping(const QString& endpoint, std::chrono::milliseconds timeout)
{
    auto promise = std::make_shared<QPromise<bool>>();
    QFuture<bool> future = promise->future();
    promise->start();
    const QUrl url(endpoint);
    if (url.scheme() == QStringLiteral("unix")) {
        auto* socket = new QLocalSocket;
        pingOver(socket, promise, timeout);
        socket->connectToServer(url.path());
    } else if (url.scheme() == QStringLiteral("tcp") && url.port() > 0) {
        auto* socket = new QTcpSocket;
        pingOver(socket, promise, timeout);
        socket->connectToHost(url.host(), quint16(url.port()));
    } else {
        qCDebug(lcEngine) << "cannot probe endpoint" << endpoint;
        promise->addResult(false);
        promise->finish();
    }
    return future;
}

} // namespace

EngineLocator::Environment EngineLocator::Environment::fromSystem()
{
    Environment environment;
    environment.dockerHost = qEnvironmentVariable("DOCKER_HOST");
    environment.xdgRuntimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return environment;
}

EngineLocator::EngineLocator(Probe probe, Environment environment, QObject* parent)
    : QObject(parent), m_probe(std::move(probe)), m_environment(std::move(environment))
{ }

QList<EngineCandidate> EngineLocator::candidates() const
{
    QList<EngineCandidate> list;
    // The same socket may appear twice (DOCKER_HOST pointing at the default path): probe it once.
    auto add = [&list](const QString& endpoint, const QString& source) {
        const bool seen =
            std::any_of(list.cbegin(), list.cend(), [&](const EngineCandidate& c) { return c.endpoint == endpoint; });
        if (!seen) {
            EngineCandidate candidate;
            candidate.endpoint = endpoint;
            candidate.source = source;
            list.append(candidate);
        }
    };
    const QString unixScheme = QStringLiteral("unix://");
    if (!m_environment.dockerHost.isEmpty())
        add(m_environment.dockerHost, QStringLiteral("DOCKER_HOST"));
    add(unixScheme + m_environment.dockerSocket, QStringLiteral("Docker"));
    if (!m_environment.xdgRuntimeDir.isEmpty()) {
        add(unixScheme + m_environment.xdgRuntimeDir + QStringLiteral("/docker.sock"),
            QStringLiteral("rootless Docker"));
        add(unixScheme + m_environment.xdgRuntimeDir + QStringLiteral("/podman/podman.sock"),
            QStringLiteral("rootless Podman"));
    }
    add(unixScheme + m_environment.rootfulPodmanSocket, QStringLiteral("Podman"));
    return list;
}

QFuture<std::optional<EngineCandidate>> EngineLocator::locate()
{
    struct Search
    {
        QList<EngineCandidate> candidates;
        std::vector<std::optional<bool>> answers;
        QPromise<std::optional<EngineCandidate>> promise;
        bool settled = false;

        // Decides as soon as every better-placed candidate has answered.
        void decide()
        {
            if (settled)
                return;
            for (size_t i = 0; i < answers.size(); ++i) {
                if (!answers[i].has_value())
                    return;
                if (*answers[i]) {
                    settle(candidates.at(qsizetype(i)));
                    return;
                }
            }
            settle(std::nullopt);
        }
        void settle(std::optional<EngineCandidate> found)
        {
            settled = true;
            if (found)
                qCDebug(lcEngine) << "default engine:" << found->source << found->endpoint;
            promise.addResult(std::move(found));
            promise.finish();
        }
    };

    auto search = std::make_shared<Search>();
    search->candidates = candidates();
    search->answers.resize(size_t(search->candidates.size()));
    search->promise.start();
    QFuture<std::optional<EngineCandidate>> future = search->promise.future();
    for (qsizetype i = 0; i < search->candidates.size(); ++i) {
        const QString endpoint = search->candidates.at(i).endpoint;
        m_probe(endpoint)
            .then(this,
                  [search, i, endpoint](bool ok) {
                      qCDebug(lcEngine) << "probe" << endpoint << (ok ? "answers" : "does not answer");
                      search->answers[size_t(i)] = ok;
                      search->decide();
                  })
            .onFailed(this,
                      [search, i] {
                          search->answers[size_t(i)] = false;
                          search->decide();
                      })
            .onCanceled(this, [search, i] {
                search->answers[size_t(i)] = false;
                search->decide();
            });
    }
    return future;
}

EngineLocator::Probe EngineLocator::pingProbe(std::chrono::milliseconds timeout)
{
    return [timeout](const QString& endpoint) { return ping(endpoint, timeout); };
}

} // namespace Knot
