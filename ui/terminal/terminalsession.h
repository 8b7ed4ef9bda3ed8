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

Q_SIGNALS:
    void output(const QByteArray& bytes);
    void closed(const QString& reason);
};

} // namespace Knot
