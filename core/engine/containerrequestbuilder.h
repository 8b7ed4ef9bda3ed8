#pragma once

#include "core/model/containerspec.h"
#include "core/result.h"

#include <QByteArray>
#include <QDir>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace Knot {

// What `POST /containers/create` needs for one space.
struct ContainerCreateRequest
{
    QString name;            // for `?name=`; empty lets the engine choose
    QJsonObject body;        // the JSON body
    QByteArray registryAuth; // X-Registry-Auth for pulling the image; empty without `auth`
};

// Turns a parsed ContainerSpec into the Docker Engine API create request. The fields used are the
// same from API 1.41 (Podman's compat API, Docker 20.10) to 1.47, so one body serves them all;
// older APIs are refused. Defaults (container name, hostname) are the caller's to fill into the
// spec: an empty value is left out of the request.
class ContainerRequestBuilder
{
public:
    // `homeDir`: what `~` and relative host paths in volume mounts are resolved against: this
    // machine's home for a local engine. Empty for an engine on another machine, whose home is
    // not known here: only absolute host paths (on that machine) are accepted then.
    explicit ContainerRequestBuilder(QString homeDir = QDir::homePath());

    Result<ContainerCreateRequest>
    build(const ContainerSpec& spec, const QMap<QString, QString>& labels, const QString& apiVersion) const;

    // The X-Registry-Auth header value: base64url JSON of {username, password}.
    static QByteArray registryAuth(const ContainerSpec::Auth& auth);
    // "src:dst[:options]" with host paths made absolute.
    QString bind(const ContainerSpec::Mount& mount) const;

private:
    QJsonObject hostConfig(const ContainerSpec& spec) const;

    QString m_homeDir;
};

} // namespace Knot
