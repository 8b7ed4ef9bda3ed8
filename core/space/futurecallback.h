#pragma once

#include "core/error.h"
#include "core/result.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>

#include <memory>
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

// `call`'s outcome without its value, counting the errors `harmless` accepts as success (a volume
// that already exists, a container that is already gone).
template <typename R, typename Harmless>
QFuture<VoidResult> succeedUnless(QFuture<R> call, QObject* context, Harmless harmless)
{
    auto promise = std::make_shared<QPromise<VoidResult>>();
    promise->start();
    onFinished(call, context, [promise, harmless = std::move(harmless)](const R& result) {
        promise->addResult(result.ok() || harmless(result.error()) ? VoidResult() : VoidResult(result.error()));
        promise->finish();
    });
    return promise->future();
}

} // namespace Knot
