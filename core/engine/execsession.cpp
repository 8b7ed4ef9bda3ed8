#include "core/engine/execsession.h"

#include "core/engine/dockerclient.h"
#include "core/engine/httpreply.h"
#include "core/engine/streamsocket.h"
#include "core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Knot {

namespace {
// Some engines keep the stream open after the process exits (podman #6853): poll its state.
constexpr int PollIntervalMs = 500;
// Once the exec is known to have exited, wait this long for its last output to drain.
constexpr int DrainGraceMs = 1000;
// After the stream closed, the exec's state may lag a moment behind.
constexpr int ClosedPollIntervalMs = 100;
constexpr int MaxClosedPolls = 50;
// What a paused session keeps reading ahead before the engine has to wait.
constexpr qint64 PausedReadBufferSize = 256 * 1024;
} // namespace

ExecSession::ExecSession(QObject* parent) : QObject(parent) { }

ExecSession::ExecSession(DockerClient* client, const QString& containerId, const ExecOptions& options, QObject* parent)
    : QObject(parent), m_client(client), m_containerId(containerId), m_options(options)
{
    m_pollTimer.setInterval(PollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &ExecSession::poll);
    m_graceTimer.setSingleShot(true);
    m_graceTimer.setInterval(DrainGraceMs);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        if (m_outputPaused && !m_streamClosed) {
            // The consumer holds the output back, so the engine may still have some to send.
            m_graceTimer.start();
            return;
        }
        reportFinished(m_exitCode);
    });
}

ExecSession::~ExecSession()
{
    closeStream();
}

void ExecSession::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void ExecSession::begin()
{
    if (m_state != State::Connecting) {
        return;
    }
    if (!m_client) {
        reportFailed(Error {Error::Kind::Internal, QStringLiteral("The engine connection is gone"), {}});
        return;
    }
    QJsonObject body {
        {QStringLiteral("AttachStdin"), m_options.attachStdin},
        {QStringLiteral("AttachStdout"), true},
        {QStringLiteral("AttachStderr"), true},
        {QStringLiteral("Tty"), m_options.tty},
        {QStringLiteral("Cmd"), QJsonArray::fromStringList(m_options.command)},
    };
    if (!m_options.environment.isEmpty()) {
        body.insert(QStringLiteral("Env"), QJsonArray::fromStringList(m_options.environment));
    }
    if (!m_options.user.isEmpty()) {
        body.insert(QStringLiteral("User"), m_options.user);
    }
    if (!m_options.workingDir.isEmpty()) {
        body.insert(QStringLiteral("WorkingDir"), m_options.workingDir);
    }
    HttpRequest create;
    create.method = "POST";
    create.target = "/containers/" + QUrl::toPercentEncoding(m_containerId) + "/exec";
    create.setHeader("Content-Type", "application/json");
    // The version is known only once negotiated, so the body is completed inside the call.
    DockerClient* client = m_client;
    client->withApi(this, [this, client, create, body](VoidResult ready) mutable {
        if (m_state != State::Connecting) {
            return;
        }
        if (!ready.ok()) {
            reportFailed(ready.error());
            return;
        }
        const bool consoleSize = client->negotiated().apiVersion.section(u'.', 1).toInt() >= 42;
        if (m_options.tty && consoleSize) {
            body.insert(QStringLiteral("ConsoleSize"), QJsonArray {m_options.rows, m_options.cols});
        }
        create.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        client->call(
            create, [this, self = QPointer<ExecSession>(this), client, consoleSize](Result<HttpResponse> response) {
                if (!self || m_state != State::Connecting) {
                    return;
                }
                if (!response.ok()) {
                    reportFailed(response.error());
                    return;
                }
                if (!response->isSuccess()) {
                    reportFailed(DockerClient::errorFromResponse(
                        *response, "POST /containers/" + m_containerId.toUtf8() + "/exec"));
                    return;
                }
                m_execId = QJsonDocument::fromJson(response->body).object().value(QStringLiteral("Id")).toString();
                QJsonObject startBody {{QStringLiteral("Detach"), false}, {QStringLiteral("Tty"), m_options.tty}};
                if (m_options.tty && consoleSize) {
                    startBody.insert(QStringLiteral("ConsoleSize"), QJsonArray {m_options.rows, m_options.cols});
                }
                HttpRequest start;
                start.method = "POST";
                start.target = "/exec/" + QUrl::toPercentEncoding(m_execId) + "/start";
                start.body = QJsonDocument(startBody).toJson(QJsonDocument::Compact);
                start.setHeader("Content-Type", "application/json");
                start.upgrade = true;
                start.timeoutMs = 30000;
                HttpReply* reply = client->sendVersioned(start, this);
                connect(reply, &HttpReply::upgraded, this, [this, reply] {
                    StreamSocket* socket = reply->takeSocket(this);
                    attach(socket, reply->takeLeftover());
                });
                connect(reply, &HttpReply::finished, this, [this, reply] { onStartReplyFinished(reply); });
            });
    });
}

void ExecSession::onStartReplyFinished(HttpReply* reply)
{
    reply->deleteLater();
    if (m_state != State::Connecting) {
        return; // attached (or closed) already
    }
    if (!reply->result().ok()) {
        reportFailed(reply->result().error());
    } else if (!reply->response().isSuccess()) {
        reportFailed(DockerClient::errorFromResponse(reply->response(), "POST /exec/" + m_execId.toUtf8() + "/start"));
    } else {
        reportFailed(Error {Error::Kind::Engine, QStringLiteral("The engine did not attach the exec stream"), {}});
    }
}

void ExecSession::attach(StreamSocket* socket, const QByteArray& leftover)
{
    if (!socket) {
        reportFailed(Error {Error::Kind::Internal, QStringLiteral("The exec stream was lost"), {}});
        return;
    }
    m_socket = socket;
    connect(m_socket, &StreamSocket::readyRead, this, [this] {
        if (!m_outputPaused) {
            consume(m_socket->readAll());
        }
    });
    connect(m_socket, &StreamSocket::bytesWritten, this, &ExecSession::inputWritten);
    if (m_outputPaused) {
        m_socket->setReadBufferSize(PausedReadBufferSize);
    }
    connect(m_socket, &StreamSocket::disconnected, this, &ExecSession::onStreamClosed);
    connect(m_socket, &StreamSocket::errorOccurred, this, &ExecSession::onStreamClosed);
    setState(State::Running);
    Q_EMIT started();
    if (m_state != State::Running) {
        return;
    }
    if (!m_pendingInput.isEmpty()) {
        m_socket->write(std::exchange(m_pendingInput, {}));
    }
    if (m_options.tty) {
        // The size given at create is not honoured by every engine: set it once more now.
        sendResize();
    }
    m_pollTimer.start();
    consume(leftover);
    if (m_socket && !m_outputPaused && m_socket->bytesAvailable() > 0) {
        consume(m_socket->readAll());
    }
}

void ExecSession::consume(const QByteArray& data)
{
    if (data.isEmpty() || (m_state != State::Running)) {
        return;
    }
    if (m_options.tty) {
        reportOutput(data, false);
    } else {
        for (const auto& frame : m_decoder.feed(data)) {
            reportOutput(frame.data, frame.stream == MultiplexedStreamDecoder::Stream::Stderr);
        }
    }
    if (!m_sawOutput && m_options.tty && m_resizePending) {
        sendResize();
    }
    m_sawOutput = true;
}

void ExecSession::write(const QByteArray& data)
{
    if (m_state == State::Connecting) {
        m_pendingInput += data;
    } else if (m_state == State::Running && m_socket && !m_streamClosed) {
        // The socket buffers whatever the kernel does not take at once and sends it when it can.
        m_socket->write(data);
    }
}

qint64 ExecSession::bytesToWrite() const
{
    return m_pendingInput.size() + (m_socket ? m_socket->bytesToWrite() : 0);
}

void ExecSession::setOutputPaused(bool paused)
{
    if (m_outputPaused == paused) {
        return;
    }
    m_outputPaused = paused;
    if (!m_socket) {
        return;
    }
    m_socket->setReadBufferSize(paused ? PausedReadBufferSize : 0);
    if (!paused && m_socket->bytesAvailable() > 0) {
        consume(m_socket->readAll());
    }
}

void ExecSession::resize(int rows, int cols)
{
    if (rows <= 0 || cols <= 0) {
        return;
    }
    m_options.rows = rows;
    m_options.cols = cols;
    if (m_state == State::Running && m_options.tty) {
        sendResize();
    }
}

void ExecSession::sendResize()
{
    if (!m_client || m_execId.isEmpty()) {
        return;
    }
    m_resizePending = !m_sawOutput;
    HttpRequest req;
    req.method = "POST";
    req.target = "/exec/" + QUrl::toPercentEncoding(m_execId) + "/resize?h=" + QByteArray::number(m_options.rows)
                 + "&w=" + QByteArray::number(m_options.cols);
    m_client->call(req, [](Result<HttpResponse> response) {
        if (!response.ok() || !response->isSuccess()) {
            // A resize racing the process start or exit is harmless; the next one will do.
            qCDebug(lcExec) << "exec resize failed" << (response.ok() ? response->status : 0);
        }
    });
}

void ExecSession::poll()
{
    if (m_pollInFlight || !m_client || (m_state != State::Running)) {
        return;
    }
    m_pollInFlight = true;
    HttpRequest req;
    req.method = "GET";
    req.target = "/exec/" + QUrl::toPercentEncoding(m_execId) + "/json";
    m_client->call(req, [this, self = QPointer<ExecSession>(this)](Result<HttpResponse> response) {
        if (!self) {
            return;
        }
        m_pollInFlight = false;
        if (m_state != State::Running) {
            return;
        }
        if (!response.ok() || !response->isSuccess()) {
            if (m_streamClosed) {
                // The exec (or its container) is gone: nothing more to learn.
                reportFinished(m_exitCode);
            }
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(response->body).object();
        if (object.value(QStringLiteral("Running")).toBool()) {
            if (m_streamClosed && ++m_closedPolls >= MaxClosedPolls) {
                reportFinished(m_exitCode);
            }
            return;
        }
        const QJsonValue exitCode = object.value(QStringLiteral("ExitCode"));
        m_exitCode = exitCode.isDouble() ? exitCode.toInt() : -1;
        m_pollTimer.stop();
        if (m_streamClosed) {
            reportFinished(m_exitCode);
        } else if (!m_graceTimer.isActive()) {
            m_graceTimer.start();
        }
    });
}

void ExecSession::onStreamClosed()
{
    if (m_streamClosed || m_state != State::Running) {
        return;
    }
    m_streamClosed = true;
    if (m_socket && m_socket->bytesAvailable() > 0) {
        consume(m_socket->readAll());
    }
    if (m_graceTimer.isActive()) {
        // The exit code is known already.
        m_graceTimer.stop();
        reportFinished(m_exitCode);
        return;
    }
    // Ask for the exit code now and then quickly until the engine has it.
    m_pollTimer.setInterval(ClosedPollIntervalMs);
    m_pollTimer.start();
    poll();
}

void ExecSession::closeStream()
{
    m_pollTimer.stop();
    m_graceTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
}

void ExecSession::close()
{
    if (m_state == State::Connecting || m_state == State::Running) {
        reportFailed(Error::cancelled());
    }
}

void ExecSession::reportOutput(const QByteArray& data, bool standardError)
{
    if (standardError) {
        Q_EMIT errorOutput(data);
    } else {
        Q_EMIT output(data);
    }
}

void ExecSession::reportFinished(int exitCode)
{
    if (m_state == State::Finished || m_state == State::Failed) {
        return;
    }
    if (m_socket && m_socket->bytesAvailable() > 0) {
        consume(m_socket->readAll());
    }
    closeStream();
    m_exitCode = exitCode;
    setState(State::Finished);
    Q_EMIT finished(exitCode);
}

void ExecSession::reportFailed(const Error& error)
{
    if (m_state == State::Finished || m_state == State::Failed) {
        return;
    }
    closeStream();
    m_error = error;
    m_exitCode = -1;
    setState(State::Failed);
    Q_EMIT finished(-1);
}

} // namespace Knot
