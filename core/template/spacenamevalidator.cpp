#include "core/template/spacenamevalidator.h"

#include <QRegularExpression>

namespace Knot {

namespace {

Diagnostic fieldError(const QString& field, const QString& message)
{
    Diagnostic diagnostic;
    diagnostic.field = field;
    diagnostic.message = message;
    return diagnostic;
}

bool isHttp(const TemplatePort& port)
{
    return port.protocol == PortProtocol::Http || port.protocol == PortProtocol::Https;
}

} // namespace

SpaceNameValidator::SpaceNameValidator(QList<Space> spaces) : m_spaces(std::move(spaces)) { }

VoidResult SpaceNameValidator::checkFormat(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z][a-zA-Z0-9-]{1,63}$"));
    if (name.isEmpty()) {
        return Error::invalid(QStringLiteral("A space name is required"));
    }
    if (!pattern.match(name).hasMatch()) {
        return Error::invalid(QStringLiteral("\"%1\" is not a valid space name: use 2 to 64 letters, digits and "
                                             "hyphens, starting with a letter")
                                  .arg(name));
    }
    if (name.contains(QStringLiteral("--"))) {
        return Error::invalid(QStringLiteral("\"%1\" is not a valid space name: it contains \"--\"").arg(name));
    }
    return {};
}

QStringList SpaceNameValidator::shells()
{
    return {QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("fish"), QStringLiteral("sh")};
}

VoidResult SpaceNameValidator::checkShell(const QString& shell)
{
    if (!shells().contains(shell)) {
        return Error::invalid(
            QStringLiteral("\"%1\" is not a supported shell (%2)").arg(shell, shells().join(QStringLiteral(", "))));
    }
    return {};
}

VoidResult SpaceNameValidator::checkName(const QString& name, const QString& spaceId) const
{
    if (auto format = checkFormat(name); !format) {
        return format;
    }
    for (const Space& other : m_spaces) {
        if (!spaceId.isEmpty() && other.id == spaceId) {
            continue;
        }
        if (other.name.compare(name, Qt::CaseInsensitive) == 0) {
            return Error::conflict(QStringLiteral("The name \"%1\" is already used by another space").arg(name));
        }
        for (const AdditionalName& additional : other.additionalNames) {
            if (additional.name.compare(name, Qt::CaseInsensitive) == 0) {
                return Error::conflict(
                    QStringLiteral("The name \"%1\" is already used by space \"%2\"").arg(name, other.name));
            }
        }
    }
    return {};
}

Diagnostics SpaceNameValidator::validate(const Space& space, const Template& tmpl) const
{
    Diagnostics diagnostics;
    if (auto result = checkName(space.name, space.id); !result) {
        diagnostics.append(fieldError(QStringLiteral("name"), result.error().message));
    }
    QStringList seen {space.name.toLower()};
    for (qsizetype i = 0; i < space.additionalNames.size(); ++i) {
        const AdditionalName& additional = space.additionalNames.at(i);
        const QString field = QStringLiteral("additionalNames[%1]").arg(i);
        if (auto result = checkName(additional.name, space.id); !result) {
            diagnostics.append(fieldError(field + QStringLiteral(".name"), result.error().message));
        } else if (seen.contains(additional.name.toLower())) {
            diagnostics.append(
                fieldError(field + QStringLiteral(".name"),
                           QStringLiteral("The name \"%1\" is given twice in this space").arg(additional.name)));
        }
        seen.append(additional.name.toLower());
        const bool bound = std::any_of(tmpl.ports.cbegin(), tmpl.ports.cend(), [&](const TemplatePort& port) {
            return isHttp(port) && port.port == additional.port;
        });
        if (!bound) {
            diagnostics.append(fieldError(field + QStringLiteral(".port"),
                                          QStringLiteral("\"%1\" must be bound to one of the template's HTTP ports; "
                                                         "port %2 is not one")
                                              .arg(additional.name)
                                              .arg(additional.port)));
        }
    }
    if (auto result = checkShell(space.shell); !result) {
        diagnostics.append(fieldError(QStringLiteral("shell"), result.error().message));
    }
    return diagnostics;
}

} // namespace Knot
