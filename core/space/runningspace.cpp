#include "core/space/runningspace.h"

#include "core/engine/engineclient.h"
#include "core/space/enginemanager.h"
#include "core/space/futurecallback.h"
#include "core/space/spaceservice.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPromise>

#include <memory>

namespace Knot {

QStringList RunningSpace::environment() const
{
    QStringList environment;
    const QJsonArray entries =
        container.raw.value(QStringLiteral("Config")).toObject().value(QStringLiteral("Env")).toArray();
    for (const QJsonValue& entry : entries) {
        environment.append(entry.toString());
    }
    return environment;
}

QFuture<Result<RunningSpace>>
RunningSpace::find(SpaceService& spaces, EngineManager& engines, const QString& spaceId, QObject* context)
{
    auto promise = std::make_shared<QPromise<Result<RunningSpace>>>();
    promise->start();
    const auto finish = [promise](Result<RunningSpace> result) {
        promise->addResult(std::move(result));
        promise->finish();
    };
    const Result<Space> space = spaces.get(spaceId);
    if (!space) {
        finish(space.error());
        return promise->future();
    }
    if (space->state != SpaceState::Running || space->containerId.isEmpty()) {
        finish(Error::conflict(QStringLiteral("%1 is not running: start it first").arg(space->name)));
        return promise->future();
    }
    onFinished(engines.clientFor(space->engineId),
               context,
               [context, finish, space = *space](const Result<EngineClient*>& client) {
                   if (!client) {
                       return finish(client.error());
                   }
                   QPointer<EngineClient> engine = *client;
                   onFinished(engine->inspectContainer(space.containerId),
                              context,
                              [finish, space, engine](const Result<ContainerInfo>& container) {
                                  if (!container) {
                                      return finish(container.error());
                                  }
                                  if (!engine) {
                                      return finish(Error::cancelled());
                                  }
                                  finish(RunningSpace {space, engine, *container});
                              });
               });
    return promise->future();
}

} // namespace Knot
