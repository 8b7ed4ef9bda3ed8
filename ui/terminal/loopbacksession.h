#pragma once

#include "ui/terminal/terminalsession.h"

#include <QSize>

namespace Knot {

// In-memory session for tests and benchmarks: records what the terminal writes and the last size,
// and lets the caller inject output as if it came from a remote shell.
class LoopbackSession : public TerminalSession
{
    Q_OBJECT

public:
    using TerminalSession::TerminalSession;

    void resize(int rows, int columns) override;

    // When set, written bytes are echoed back as output (like a TTY in cooked mode).
    void setEcho(bool echo) { m_echo = echo; }

    void feed(const QByteArray& bytes) { Q_EMIT output(bytes); }
    void close(const QString& reason) { Q_EMIT closed(reason); }

    QByteArray written() const { return m_written; }
    void clearWritten() { m_written.clear(); }
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    int resizeCount() const { return m_resizeCount; }

protected:
    void send(const QByteArray& bytes) override;

private:
    QByteArray m_written;
    int m_rows = 0;
    int m_columns = 0;
    int m_resizeCount = 0;
    bool m_echo = false;
};

} // namespace Knot
