#include "ui/terminal/terminalsession.h"

namespace Knot {

TerminalSession::TerminalSession(QObject* parent) : QObject(parent)
{
    m_holdTimer.setSingleShot(true);
    connect(&m_holdTimer, &QTimer::timeout, this, &TerminalSession::releaseInput);
    // Released on the next turn: the output that woke us reaches the view before any echo of the input.
    connect(this, &TerminalSession::output, this, [this](const QByteArray& bytes) {
        if (m_holdInput && !bytes.isEmpty())
            m_holdTimer.start(0);
    });
}

void TerminalSession::setHoldInputUntilOutput(int timeoutMs)
{
    m_holdInput = timeoutMs > 0;
    m_holdTimer.setInterval(timeoutMs);
    if (!m_holdInput)
        releaseInput();
}

void TerminalSession::write(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return;
    if (!m_holdInput) {
        send(bytes);
        return;
    }
    m_heldInput += bytes;
    if (!m_holdTimer.isActive())
        m_holdTimer.start();
}

void TerminalSession::releaseInput()
{
    m_holdInput = false;
    m_holdTimer.stop();
    if (!m_heldInput.isEmpty())
        send(std::exchange(m_heldInput, {}));
}

} // namespace Knot
