#pragma once

#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace Knot {

class ExecSession;

// Pipes one accepted local connection through one `knot-relay connect` exec, both ways, with
// flow control: at most a bounded amount is held per direction (reading pauses on the side that
// is ahead). Either side closing ends the other: the local socket is closed after what the relay
// sent has been written, and a local close ends the exec (the relay then half-closes towards
// the service and exits once it is done).
class RelayConnection : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of both.
    RelayConnection(QTcpSocket* socket, ExecSession* session, QObject* parent = nullptr);
    ~RelayConnection() override;

    // Ends both sides now.
    void close();

Q_SIGNALS:
    // The relay could not connect (exit code 2) or the exec failed; `relayMessage` is the relay's
    // stderr line ("connection refused to 127.0.0.1:8080") or the engine's error.
    void failed(int exitCode, const QString& relayMessage, bool execFailed);
    // Emitted once, after both sides are closed.
    void finished();

private:
    void pumpInput();
    void onOutput(const QByteArray& data);
    void onSocketBytesWritten();
    void onSessionFinished(int exitCode);
    void finish();

    // Children of this connection: alive as long as it is.
    QTcpSocket* m_socket;
    ExecSession* m_session;
    QByteArray m_errorOutput;
    bool m_outputPaused = false;
    bool m_finished = false;
};

} // namespace Knot
