#include "core/space/spaceoperationqueue.h"

#include <QPointer>

namespace Knot {

void SpaceOperationQueue::enqueue(const QString& key, Operation operation)
{
    auto& queue = m_queues[key];
    queue.enqueue(std::move(operation));
    if (queue.size() == 1) {
        runNext(key);
    }
}

int SpaceOperationQueue::pendingCount(const QString& key) const
{
    const auto it = m_queues.find(key);
    return it == m_queues.end() ? 0 : int(it->second.size());
}

void SpaceOperationQueue::runNext(const QString& key)
{
    const auto it = m_queues.find(key);
    if (it == m_queues.end()) {
        return;
    }
    const auto operation = it->second.head();
    auto called = std::make_shared<bool>(false);
    QPointer<SpaceOperationQueue> self(this);
    operation([self, key, called]() {
        // A second call would start the next operation twice.
        if (*called || !self) {
            return;
        }
        *called = true;
        const auto found = self->m_queues.find(key);
        if (found == self->m_queues.end()) {
            return;
        }
        found->second.dequeue();
        if (found->second.isEmpty()) {
            self->m_queues.erase(found);
            Q_EMIT self->idle(key);
        } else {
            // Not recursively: a long chain of synchronous operations must not grow the stack.
            QMetaObject::invokeMethod(
                self, [self, key]() { self->runNext(key); }, Qt::QueuedConnection);
        }
    });
}

} // namespace Knot
