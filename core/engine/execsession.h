#pragma once

#include "core/engine/enginetypes.h"
#include "core/engine/multiplexedstreamdecoder.h"
#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Knot {

class DockerClient;
class HttpReply;
class StreamSocket;

// A process running in a container through the exec API, attached over a hijacked connection.
//
// States: Connecting → Running → Finished, or → Failed from either. Input written while
// Connecting is kept and sent once the stream is up. The session ends when the stream closes or
// when polling the exec's state says the process is gone (some engines never close the stream),
// then finished(exitCode) is emitted once; a failed session reports exit code -1 and error().
class ExecSession : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Connecting,
        Running,
        Finished,
        Failed,
    };
    Q_ENUM(State)

    // A session that is not attached to anything (fakes drive it with the report*() calls).
    explicit ExecSession(QObject* parent = nullptr);
    ~ExecSession() override;

    State state() const { return m_state; }
    QString execId() const { return m_execId; }
    bool isTty() const { return m_options.tty; }
    int exitCode() const { return m_exitCode; }
    // Why the session failed; ok while it has not.
    const VoidResult& error() const { return m_error; }

    // Sends input to the process (buffered until the stream is up).
    virtual void write(const QByteArray& data);
    // Sets the terminal size (TTY only); sent now if running, else with the start.
    virtual void resize(int rows, int cols);
    // Detaches: closes the stream and ends the session as Failed/Cancelled.
    virtual void close();
    // Input accepted by write() but not yet handed to the engine (for flow control).
    qint64 bytesToWrite() const;
    // While paused, output stays in the stream (bounded) and the engine stops sending, so a slow
    // consumer does not make us buffer without limit. Output still pending when the stream ends
    // is delivered.
    void setOutputPaused(bool paused);

    void reportOutput(const QByteArray& data, bool standardError);
    void reportFinished(int exitCode);
    void reportFailed(const Error& error);

Q_SIGNALS:
    void stateChanged(Knot::ExecSession::State state);
    void started();
    // Output as it arrives; with a TTY everything comes as output().
    void output(const QByteArray& data);
    void errorOutput(const QByteArray& data);
    void finished(int exitCode);
    // Some input reached the engine; bytesToWrite() went down.
    void inputWritten();

private:
    friend class DockerClient;
    ExecSession(DockerClient* client, const QString& containerId, const ExecOptions& options, QObject* parent);

    void begin();
    void onStartReplyFinished(HttpReply* reply);
    void attach(StreamSocket* socket, const QByteArray& leftover);
    void consume(const QByteArray& data);
    void onStreamClosed();
    void poll();
    void sendResize();
    void setState(State state);
    void closeStream();

    QPointer<DockerClient> m_client;
    QString m_containerId;
    ExecOptions m_options;
    QString m_execId;
    StreamSocket* m_socket = nullptr;
    MultiplexedStreamDecoder m_decoder;
    QByteArray m_pendingInput;
    QTimer m_pollTimer;
    QTimer m_graceTimer;
    State m_state = State::Connecting;
    VoidResult m_error;
    int m_exitCode = -1;
    int m_closedPolls = 0;
    bool m_pollInFlight = false;
    bool m_streamClosed = false;
    bool m_resizePending = false;
    bool m_sawOutput = false;
    bool m_outputPaused = false;
};

} // namespace Knot
