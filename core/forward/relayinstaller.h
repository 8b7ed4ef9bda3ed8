#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>

namespace Knot {

class EngineClient;

// Puts the knot-relay helper (relay/knot-relay.c, embedded into knot_core at build time) into
// containers through the archive API, so nothing has to be installed in the image.
//
// The file is /tmp/.knot-relay-<hash of the binary>: another app version never runs a stale
// copy. Each container gets it once per installer (cached by engine and container ID; an upload
// in flight is shared); forget() drops the cache entry, e.g. when the file vanished because /tmp
// was a tmpfs and the container restarted.
class RelayInstaller : public QObject
{
    Q_OBJECT

public:
    // Uses the embedded relay.
    explicit RelayInstaller(QObject* parent = nullptr);
    // Uses `binary` instead (tests, or another architecture).
    explicit RelayInstaller(const QByteArray& binary, QObject* parent = nullptr);

    // The relay built for this machine's architecture.
    static QByteArray embeddedBinary();
    // A tar archive holding one regular file `name` with `mode` (e.g. 0755), owned by root.
    static QByteArray tarball(const QString& name, const QByteArray& content, int mode);

    // Where the relay lives inside a container.
    QString path() const { return m_path; }
    // Uploads the relay unless this installer did so already; resolves once it can be run.
    QFuture<VoidResult> install(EngineClient* client, const QString& containerId);
    void forget(EngineClient* client, const QString& containerId);

private:
    QString cacheKey(EngineClient* client, const QString& containerId) const;

    QByteArray m_tarball;
    QString m_path;
    struct Install
    {
        QFuture<VoidResult> future;
        quint64 serial = 0;
    };
    QHash<QString, Install> m_installs;
    quint64 m_serial = 0;
};

} // namespace Knot
