#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace Knot {

// The transport behind a terminal view: an exec session into a container, or an in-memory one in tests.
// The view only writes bytes, reports its size and listens for output; it never knows what carries them.
class TerminalSession : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~TerminalSession() override = default;

    // Bytes typed or pasted by the user, already encoded for the terminal.
    virtual void write(const QByteArray& bytes) = 0;
    // The visible grid changed; implementations may debounce before telling the remote side.
    virtual void resize(int rows, int columns) = 0;

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

private:
    bool m_outputPaused = false;
};

} // namespace Knot
