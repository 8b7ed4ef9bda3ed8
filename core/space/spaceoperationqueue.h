#pragma once

#include "core/space/futurecallback.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QQueue>
#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace Knot {

// Serializes operations per key (a space id): an operation starts once every operation queued
// before it for the same key has finished. Operations on different keys run concurrently.
// Everything happens on the thread that owns the queue; nothing blocks.
class SpaceOperationQueue : public QObject
{
    Q_OBJECT

public:
    // An operation gets a `done` function it must call exactly once when it has finished.
    using Operation = std::function<void(std::function<void()> done)>;

    using QObject::QObject;

    void enqueue(const QString& key, Operation operation);

    // Queues `start` (which returns the operation's future) and returns a future that finishes
    // with the operation's result. R must be a Result type.
    template <typename R>
    QFuture<R> enqueue(const QString& key, std::function<QFuture<R>()> start)
    {
        auto promise = std::make_shared<QPromise<R>>();
        promise->start();
        QFuture<R> future = promise->future();
        enqueue(key, [this, promise, start = std::move(start)](std::function<void()> done) {
            onFinished(start(), this, [promise, done](R result) {
                promise->addResult(std::move(result));
                promise->finish();
                done();
            });
        });
        return future;
    }

    // Whether an operation for `key` is running or waiting.
    bool isBusy(const QString& key) const { return m_queues.count(key) > 0; }
    int pendingCount(const QString& key) const;

Q_SIGNALS:
    // Every operation for `key` has finished.
    void idle(const QString& key);

private:
    void runNext(const QString& key);

    // The queue's head is the running operation; the key is gone when nothing is queued.
    // (std::map: GCC's -Wnull-dereference trips over QHash's inlined internals here.)
    std::map<QString, QQueue<Operation>> m_queues;
};

} // namespace Knot
