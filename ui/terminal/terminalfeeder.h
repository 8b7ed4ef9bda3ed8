#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <QByteArray>
#include <QObject>

namespace Knot {

class TerminalSurface;

// Parses a session's output into a TerminalSurface on a thread of its own, so that reading the transport
// and painting on the GUI thread overlap with parsing, and a flood never holds the event loop.
//
// The surface is shared: whoever touches it holds lock(). The parser thread takes it for one slice at a
// time and steps aside between slices as soon as another thread waits, so the GUI thread waits for one
// slice at most. Signals the surface emits while the parser thread writes are therefore queued to their
// receivers on the GUI thread.
class TerminalFeeder : public QObject
{
    Q_OBJECT

public:
    // `surface` must outlive the feeder; the feeder's destructor stops the thread.
    explicit TerminalFeeder(TerminalSurface* surface, QObject* parent = nullptr);
    ~TerminalFeeder() override;

    // Queues output for the parser thread.
    void append(const QByteArray& bytes);
    // Parses queued output on the calling thread until no more than `keep` bytes are left. Does nothing when
    // called from inside a write to the surface (a slot of a signal the surface emits while parsing).
    void drain(qsizetype keep = 0);
    // Parses `bytes` on the calling thread when nothing is queued (which keeps the order) and the call does not
    // come from inside a write to the surface. False when they were not parsed: the caller appends them.
    bool parseNow(const QByteArray& bytes);
    // Output received and not yet parsed, including a slice being parsed.
    qsizetype pendingBytes() const { return m_pendingBytes.load(std::memory_order_acquire); }

    // Exclusive access to the surface. Recursive on the same thread.
    [[nodiscard]] std::unique_lock<std::recursive_mutex> lock();

    // The receiver of parsed() has taken note: the next slice parsed signals again.
    void acknowledge() { m_parsedSignalled.store(false, std::memory_order_release); }

Q_SIGNALS:
    // Emitted from the parser thread after it parsed a slice; not again until acknowledge() is called, so a
    // flood queues one notification and not one per slice.
    void parsed();

private:
    void run();
    // Parses the next slice; the caller holds the surface lock. False when the queue is empty.
    bool parseSlice();
    // Writes to the surface, marked so that drain() and parseNow() from a slot it triggers do not re-enter it.
    void write(const char* bytes, qsizetype length);
    void signalParsed();

    TerminalSurface* m_surface;
    std::recursive_mutex m_surfaceMutex;
    std::atomic<int> m_waiters {0};
    bool m_writing = false; // guarded by m_surfaceMutex

    std::mutex m_queueMutex;
    std::condition_variable m_wake;
    std::deque<QByteArray> m_queue; // the front is parsed from m_offset
    qsizetype m_offset = 0;
    std::atomic<bool> m_stopping {false}; // set under m_queueMutex, for the wait
    std::atomic<qsizetype> m_pendingBytes {0};
    std::atomic<bool> m_parsedSignalled {false};

    std::thread m_thread;
};

} // namespace Knot
