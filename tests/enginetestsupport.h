#pragma once

#include "core/engine/engineclient.h"
#include "core/result.h"

#include <QFuture>
#include <QTest>
#include <QUuid>

// What tests that talk to a real engine share: waiting for calls, unique names, and removing what
// a failed test left behind.
namespace KnotTest {

// Generous: the first start on a cold engine may pull or unpack images.
constexpr int EngineTimeoutMs = 120000;

// Waits (spinning the event loop) for an engine call or service operation to finish.
template <typename R>
R await(QFuture<R> future, int timeoutMs = EngineTimeoutMs)
{
    if (!QTest::qWaitFor([&]() { return future.isFinished(); }, timeoutMs)) {
        return R(Knot::Error {Knot::Error::Kind::Timeout, QStringLiteral("timed out waiting for the engine"), {}});
    }
    if (future.isCanceled() || future.resultCount() == 0) {
        return R(Knot::Error::cancelled());
    }
    return future.result();
}

inline QString unique(const QString& prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

// Force-removes every container and volume carrying `label` ("key=value").
inline void removeLabelled(Knot::EngineClient& client, const QString& label)
{
    if (const auto containers = await(client.listContainers(label))) {
        for (const auto& container : *containers) {
            (void)await(client.removeContainer(container.id, true, false));
        }
    }
    if (const auto volumes = await(client.listVolumes(label))) {
        for (const auto& volume : *volumes) {
            (void)await(client.removeVolume(volume.name, true));
        }
    }
}

} // namespace KnotTest
