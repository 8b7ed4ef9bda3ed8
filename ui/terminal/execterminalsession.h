#pragma once

#include "core/engine/engineclient.h"
#include "core/terminal/shelllauncher.h"
#include "ui/terminal/terminalsession.h"

#include <QPointer>
#include <QTimer>

namespace Knot {

class ExecSession;

// A terminal session over an exec with a TTY in a running container.
//
// The exec starts on the next event-loop turn, so the size the view reports right after creating
// the session goes with the exec create. Later sizes are debounced: a window drag would otherwise
// send dozens of resize requests, and engines race them against the process (moby #35407).
// When the exec ends, the container is inspected once to tell "the shell exited" from "the space
// stopped" and "the engine is unreachable"; closed() carries that reason. Closing or destroying
// the session detaches the stream and hangs up the shell and what it started.
class ExecTerminalSession : public TerminalSession
{
    Q_OBJECT

public:
    static constexpr int ResizeDebounceMs = 100;
    // How long typeahead waits for the shell's first output (measured from the first keystroke).
    static constexpr int HoldInputMs = 3000;

    ExecTerminalSession(EngineClient* client,
                        const QString& containerId,
                        const ShellCommand& command,
                        QObject* parent = nullptr);
    ~ExecTerminalSession() override;

    void resize(int rows, int columns) override;

    // Ends the session now with `reason` (e.g. "Space stopped"), unless it has ended already.
    void end(const QString& reason);

    bool isClosed() const { return m_closed; }
    QString containerId() const { return m_containerId; }
    // The underlying exec; null before the start and after the end.
    ExecSession* exec() const { return m_exec; }

protected:
    void send(const QByteArray& bytes) override;

private:
    void start();
    // Closes the exec stream and hangs up the processes started through it.
    void detach();
    void onFinished(int exitCode);
    void finish(const QString& reason);

    QPointer<EngineClient> m_client;
    QString m_containerId;
    ShellCommand m_command;
    QString m_marker; // KNOT_TERMINAL=<uuid> in the environment of everything the shell starts
    ExecSession* m_exec = nullptr;
    QByteArray m_pendingInput; // typed before the exec exists
    QTimer m_resizeTimer;
    int m_rows = 24;
    int m_columns = 80;
    bool m_closed = false;
};

} // namespace Knot
