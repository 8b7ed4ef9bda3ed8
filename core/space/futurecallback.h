#pragma once

#include "core/error.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace Knot {

// Calls `callback(R)` on `context`'s thread when `future` finishes. Unlike QFuture::then, the
// callback also runs when the future is cancelled or abandoned (with a Cancelled error), so a
// chain of engine calls always reaches its end; it does not run once `context` is destroyed.
// R must be a Result type.
template <typename R, typename Callback>
void onFinished(QFuture<R> future, QObject* context, Callback callback)
{
    auto* watcher = new QFutureWatcher<R>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, callback = std::move(callback)]() {
        watcher->deleteLater();
        const QFuture<R> done = watcher->future();
        if (done.isCanceled() || done.resultCount() == 0) {
            callback(R(Error::cancelled()));
        } else {
            callback(done.result());
        }
    });
    watcher->setFuture(future);
}

} // namespace Knot
