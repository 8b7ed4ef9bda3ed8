#include "ui/terminal/terminalfeeder.h"

#include "ui/terminal/terminalsurface.h"

#include <algorithm>

#include <pthread.h>

namespace Knot {

namespace {

// Parsed without looking up: about a quarter of a millisecond, the longest the GUI thread waits for the lock.
constexpr qsizetype SliceBytes = 16 * 1024;

} // namespace

TerminalFeeder::TerminalFeeder(TerminalSurface* surface, QObject* parent)
    : QObject(parent), m_surface(surface), m_thread([this] { run(); })
{ }

TerminalFeeder::~TerminalFeeder()
{
    {
        const std::lock_guard queue(m_queueMutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void TerminalFeeder::append(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return;
    m_pendingBytes.fetch_add(bytes.size(), std::memory_order_acq_rel);
    {
        const std::lock_guard queue(m_queueMutex);
        m_queue.push_back(bytes);
    }
    m_wake.notify_one();
}

bool TerminalFeeder::parseNow(const QByteArray& bytes)
{
    if (pendingBytes() != 0)
        return false;
    const auto surface = lock();
    // Inside a write (an echo of an answer the surface just sent) the bytes wait their turn.
    if (m_writing || pendingBytes() != 0)
        return false;
    write(bytes.constData(), bytes.size());
    return true;
}

void TerminalFeeder::drain(qsizetype keep)
{
    const auto surface = lock();
    if (m_writing)
        return;
    while (pendingBytes() > keep && parseSlice()) { }
}

std::unique_lock<std::recursive_mutex> TerminalFeeder::lock()
{
    // Announced before waiting, so the parser thread steps aside after its current slice.
    m_waiters.fetch_add(1, std::memory_order_acq_rel);
    std::unique_lock surface(m_surfaceMutex);
    m_waiters.fetch_sub(1, std::memory_order_acq_rel);
    return surface;
}

bool TerminalFeeder::parseSlice()
{
    QByteArray chunk;
    qsizetype from = 0;
    qsizetype length = 0;
    {
        const std::lock_guard queue(m_queueMutex);
        if (m_queue.empty())
            return false;
        chunk = m_queue.front();
        from = m_offset;
        length = std::min(SliceBytes, chunk.size() - from);
        m_offset += length;
        if (m_offset == chunk.size()) {
            m_queue.pop_front();
            m_offset = 0;
        }
    }
    write(chunk.constData() + from, length);
    m_pendingBytes.fetch_sub(length, std::memory_order_acq_rel);
    return true;
}

void TerminalFeeder::write(const char* bytes, qsizetype length)
{
    m_writing = true;
    m_surface->write(bytes, length);
    m_writing = false;
}

void TerminalFeeder::signalParsed()
{
    if (!m_parsedSignalled.exchange(true, std::memory_order_acq_rel))
        Q_EMIT parsed();
}

void TerminalFeeder::run()
{
    pthread_setname_np(pthread_self(), "knot-terminal");
    for (;;) {
        {
            std::unique_lock queue(m_queueMutex);
            m_wake.wait(queue, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
        }
        std::unique_lock surface(m_surfaceMutex);
        while (!m_stopping && parseSlice()) {
            signalParsed();
            if (m_waiters.load(std::memory_order_acquire) > 0) {
                // A mutex is not fair: relocking at once would win again and again. Wait until the other
                // thread holds it, then queue behind it.
                surface.unlock();
                while (m_waiters.load(std::memory_order_acquire) > 0)
                    std::this_thread::yield();
                surface.lock();
            }
        }
    }
}

} // namespace Knot
