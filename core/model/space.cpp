#include "core/model/space.h"

#include "core/model/enumnames.h"

namespace Knot {

namespace {
constexpr EnumNames<SpaceState, 6> stateNames {{
    {SpaceState::Stopped, u"Stopped"},
    {SpaceState::Starting, u"Starting"},
    {SpaceState::Running, u"Running"},
    {SpaceState::Stopping, u"Stopping"},
    {SpaceState::Deleting, u"Deleting"},
    {SpaceState::Failed, u"Failed"},
}};
} // namespace

QString toText(SpaceState state)
{
    return enumName(stateNames, state);
}

std::optional<SpaceState> spaceStateFromText(const QString& text)
{
    return enumValue(stateNames, text);
}

} // namespace Knot
