#pragma once

#include "core/model/space.h"
#include "core/model/template.h"
#include "core/result.h"
#include "core/template/templaterenderer.h"

#include <QMap>
#include <QStringList>
#include <QVariantMap>

namespace Knot {

// Who the spaces run for: knot's `.user` variables.
struct UserInfo
{
    QString username;
    QString email;
    QString timezone;
    QString servicePassword;

    // The logged-in user ($USER, else $USERNAME) and the system time zone.
    static UserInfo fromSystem();
    friend bool operator==(const UserInfo&, const UserInfo&) = default;
};

// The data a template's `job` and `volumes` are rendered against:
// .space.{id,name,first_boot}, .template.{id,name}, .user.{username,email,timezone,service_password},
// .custom.<field> (missing fields are empty) and .var.<name>.
class VariableContext
{
public:
    VariableContext(const Template& tmpl,
                    const Space& space,
                    const UserInfo& user,
                    const QMap<QString, QString>& variables = {});

    // Placeholder values for everything (for `template render` and validation while editing),
    // changed by overrides such as "space.name=dev" or "custom.project=x".
    static Result<VariableContext> previewContext(const Template& tmpl,
                                                  const QStringList& overrides = {},
                                                  const QMap<QString, QString>& variables = {});

    // Sets one value by dotted path ("space.first_boot=false"); fails on an unknown path.
    VoidResult setOverride(const QString& assignment);

    const QVariantMap& data() const { return m_data; }
    TemplateRenderer renderer() const;
    RenderResult render(const QString& source, const QString& field = {}) const;

private:
    VariableContext() = default;

    QVariantMap m_data;
};

} // namespace Knot
