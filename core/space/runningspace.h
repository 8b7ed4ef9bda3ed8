#pragma once

#include "core/engine/enginetypes.h"
#include "core/model/space.h"
#include "core/result.h"

#include <QFuture>
#include <QPointer>

namespace Knot {

class EngineClient;
class EngineManager;
class SpaceService;

// A running space with what a service opened on it needs: the engine that runs it and its
// container as the engine reports it now (ports, address, environment). The terminal, the VNC
// viewer and the ports menu all start from one.
struct RunningSpace
{
    Space space;
    QPointer<EngineClient> engine;
    ContainerInfo container;

    // Looks the space up and inspects its container. Fails with a message naming the space when it
    // does not exist, is not running, or its engine cannot be reached. Continuations run on
    // `context`'s thread; nothing is delivered once it is gone.
    static QFuture<Result<RunningSpace>>
    find(SpaceService& spaces, EngineManager& engines, const QString& spaceId, QObject* context);

    // The container's environment as the engine reports it ("NAME=value" each), e.g. for KNOT_USER.
    QStringList environment() const;
};

} // namespace Knot
