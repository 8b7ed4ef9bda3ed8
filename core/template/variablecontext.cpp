#include "core/template/variablecontext.h"

#include <QTimeZone>

namespace Knot {

namespace {

const QString CustomKey = QStringLiteral("custom");
const QString VarKey = QStringLiteral("var");
const QString FirstBootKey = QStringLiteral("first_boot");

QVariantMap toVariantMap(const QMap<QString, QString>& map)
{
    QVariantMap result;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        result.insert(it.key(), it.value());
    }
    return result;
}

} // namespace

UserInfo UserInfo::fromSystem()
{
    UserInfo user;
    user.username = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    user.timezone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    return user;
}

VariableContext::VariableContext(const Template& tmpl,
                                 const Space& space,
                                 const UserInfo& user,
                                 const QMap<QString, QString>& variables)
{
    QVariantMap custom;
    for (const CustomField& field : tmpl.customFields) {
        custom.insert(field.name, space.customFields.value(field.name));
    }
    // Values the space holds for fields the template no longer declares still resolve.
    for (auto it = space.customFields.cbegin(); it != space.customFields.cend(); ++it) {
        custom.insert(it.key(), it.value());
    }
    m_data = {
        {QStringLiteral("space"),
         QVariantMap {{QStringLiteral("id"), space.id},
                      {QStringLiteral("name"), space.name},
                      {FirstBootKey, !space.everStarted}}},
        {QStringLiteral("template"),
         QVariantMap {{QStringLiteral("id"), tmpl.id}, {QStringLiteral("name"), tmpl.name}}},
        {QStringLiteral("user"),
         QVariantMap {{QStringLiteral("username"), user.username},
                      {QStringLiteral("email"), user.email},
                      {QStringLiteral("timezone"), user.timezone},
                      {QStringLiteral("service_password"), user.servicePassword}}},
        {CustomKey, custom},
        {VarKey, toVariantMap(variables)},
    };
}

Result<VariableContext> VariableContext::previewContext(const Template& tmpl,
                                                        const QStringList& overrides,
                                                        const QMap<QString, QString>& variables)
{
    Space space;
    space.id = QStringLiteral("00000000-0000-4000-8000-000000000000");
    space.name = QStringLiteral("preview");
    Template placeholder = tmpl;
    if (placeholder.id.isEmpty()) {
        placeholder.id = QStringLiteral("00000000-0000-4000-8000-000000000001");
    }
    UserInfo user = UserInfo::fromSystem();
    if (user.username.isEmpty()) {
        user.username = QStringLiteral("user");
    }
    user.email = user.username + QStringLiteral("@localhost");
    user.servicePassword = QStringLiteral("preview-password");

    VariableContext context(placeholder, space, user, variables);
    for (const QString& assignment : overrides) {
        if (auto result = context.setOverride(assignment); !result) {
            return result.error();
        }
    }
    return context;
}

VoidResult VariableContext::setOverride(const QString& assignment)
{
    const qsizetype equals = assignment.indexOf(u'=');
    const QStringList path = assignment.left(equals).trimmed().split(u'.');
    if (equals < 0 || path.size() != 2 || path.at(1).isEmpty()) {
        return Error::invalid(
            QStringLiteral("\"%1\": expected a variable and a value such as space.name=dev").arg(assignment));
    }
    const QString& group = path.at(0);
    const QString& key = path.at(1);
    const QString value = assignment.mid(equals + 1);
    if (!m_data.contains(group)) {
        return Error::invalid(
            QStringLiteral("\"%1\": unknown variable group \"%2\" (space, template, user, custom, var)")
                .arg(assignment, group));
    }
    QVariantMap map = m_data.value(group).toMap();
    const bool open = group == CustomKey || group == VarKey;
    if (!open && !map.contains(key)) {
        return Error::invalid(QStringLiteral("\"%1\": unknown variable .%2.%3 (.%2 has %4)")
                                  .arg(assignment, group, key, map.keys().join(QStringLiteral(", "))));
    }
    if (map.value(key).typeId() == QMetaType::Bool) {
        if (value != QStringLiteral("true") && value != QStringLiteral("false")) {
            return Error::invalid(QStringLiteral("\"%1\": expected true or false").arg(assignment));
        }
        map.insert(key, value == QStringLiteral("true"));
    } else {
        map.insert(key, value);
    }
    m_data.insert(group, map);
    return {};
}

TemplateRenderer VariableContext::renderer() const
{
    return TemplateRenderer(m_data, {CustomKey});
}

RenderResult VariableContext::render(const QString& source, const QString& field) const
{
    return renderer().render(source, field);
}

} // namespace Knot
