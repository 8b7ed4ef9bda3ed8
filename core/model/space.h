#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Knot {

// The lifecycle of a space. Legal transitions:
//   Stopped  -> Starting -> Running | Failed
//   Running  -> Stopping -> Stopped | Failed
//   Running  -> Stopped | Failed          (container ended outside the app, seen through events)
//   Failed   -> Starting | Stopping | Deleting
//   Stopped  -> Deleting -> (gone) | Failed
enum class SpaceState
{
    Stopped,
    Starting,
    Running,
    Stopping,
    Deleting,
    Failed,
};

// Named toText, not toString: QTest finds toString() by ADL and expects it to return char*.
QString toText(SpaceState state);
std::optional<SpaceState> spaceStateFromText(const QString& text);

// An extra name for a space, bound to one of its template's HTTP ports.
struct AdditionalName
{
    QString name;
    int port = 0;
    friend bool operator==(const AdditionalName&, const AdditionalName&) = default;
};

// Something the space created in the engine or on disk, recorded so delete and
// reconciliation can find it even after the template changed.
struct VolumeRecord
{
    enum class Kind
    {
        Volume,
        Path,
    };
    Kind kind = Kind::Volume;
    QString name; // volume name, or absolute host path
    friend bool operator==(const VolumeRecord&, const VolumeRecord&) = default;
};

struct Space
{
    QString id; // UUID, without braces
    QString name;
    QString description;
    QString icon; // empty = the template's icon
    QString templateId;
    QString engineId; // empty = the default engine
    QString shell = QStringLiteral("bash");
    QList<AdditionalName> additionalNames;
    QMap<QString, QString> customFields;
    QList<VolumeRecord> volumeRecords;

    SpaceState state = SpaceState::Stopped;
    QString lastError;        // the engine's text when state is Failed
    QString containerId;      // empty while no container exists
    QString startedHash;      // template hash at the last start; "Update Available" when it differs
    bool everStarted = false; // .space.first_boot is !everStarted
    QDateTime createdAt;
    QDateTime startedAt;
    // Computed by SpaceService (Running with an older template hash), not stored.
    bool updateAvailable = false;

    friend bool operator==(const Space&, const Space&) = default;
};

} // namespace Knot
