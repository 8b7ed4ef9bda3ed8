#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

namespace Knot {

// The transport behind a terminal view: an exec session into a container, or an in-memory one in tests.
// The view only writes bytes, reports its size and listens for output; it never knows what carries them.
class TerminalSession : public QObject
{
    Q_OBJECT

public:
    explicit TerminalSession(QObject* parent = nullptr);
    ~TerminalSession() override = default;

    // Bytes typed or pasted by the user, already encoded for the terminal: sent at once, or held
    // while the session waits for the remote side's first output (setHoldInputUntilOutput).
    void write(const QByteArray& bytes);
    // The visible grid changed; implementations may debounce before telling the remote side.
    virtual void resize(int rows, int columns) = 0;

    // Typeahead: input written before the remote side has printed anything is held until it does,
    // or until `timeoutMs` after the first held byte (a program may never print), then sent in order.
    // A shell's line editor may throw away, and the kernel echoes out of place, what arrives before
    // the shell has set the terminal up. 0 (the default) sends everything at once.
    void setHoldInputUntilOutput(int timeoutMs);
    // True until the hold ends (first output, timeout, or turned off).
    bool isHoldingInput() const { return m_holdInput; }
    // Input written but held back; empty once released.
    QByteArray heldInput() const { return m_heldInput; }

    // Back pressure: the view sets this while it has more output queued than it wants. A transport that can
    // stop reading (and so make the program's writes block) does so until it is cleared; others may ignore it.
    void setOutputPaused(bool paused)
    {
        if (paused == m_outputPaused)
            return;
        m_outputPaused = paused;
        Q_EMIT outputPausedChanged(paused);
    }
    bool isOutputPaused() const { return m_outputPaused; }

Q_SIGNALS:
    void output(const QByteArray& bytes);
    void closed(const QString& reason);
    void outputPausedChanged(bool paused);

protected:
    // Hands input to the transport.
    virtual void send(const QByteArray& bytes) = 0;

private:
    void releaseInput();

    QByteArray m_heldInput;
    QTimer m_holdTimer;
    bool m_holdInput = false;
    bool m_outputPaused = false;
};

} // namespace Knot
