#pragma once

#include "core/model/diagnostic.h"
#include "core/model/space.h"
#include "core/model/template.h"
#include "core/result.h"

#include <QList>
#include <QStringList>

namespace Knot {

// Space name rules: `^[a-zA-Z][a-zA-Z0-9-]{1,63}$`, no "--", unique (without case) across every
// other space's name and additional names. Additional names follow the same rules and are each
// bound to one of the template's HTTP(S) ports. Messages name the offending name so the UI can
// show them next to the field; Diagnostic::field says which field ("name",
// "additionalNames[1].name", "additionalNames[1].port", "shell").
class SpaceNameValidator
{
public:
    // `spaces`: the spaces that exist (the one being validated is recognized by id and skipped).
    explicit SpaceNameValidator(QList<Space> spaces);

    static VoidResult checkFormat(const QString& name);
    static VoidResult checkShell(const QString& shell);
    static QStringList shells();

    // Format and uniqueness of one name for the space with id `spaceId` (empty for a new space).
    VoidResult checkName(const QString& name, const QString& spaceId = {}) const;
    // Every problem with the space's name, additional names and shell.
    Diagnostics validate(const Space& space, const Template& tmpl) const;

private:
    QList<Space> m_spaces;
};

} // namespace Knot
