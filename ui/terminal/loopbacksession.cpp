#include "ui/terminal/loopbacksession.h"

namespace Knot {

void LoopbackSession::send(const QByteArray& bytes)
{
    m_written += bytes;
    if (m_echo)
        Q_EMIT output(bytes);
}

void LoopbackSession::resize(int rows, int columns)
{
    m_rows = rows;
    m_columns = columns;
    ++m_resizeCount;
}

} // namespace Knot
