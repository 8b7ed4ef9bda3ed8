#pragma once

#include <QString>

namespace Knot {

// A value templates reach as `${{ .var.<name> }}`, defined once in the app for every template.
struct TemplateVariable
{
    QString name;
    QString value;
    bool secret = false; // hidden in the UI and in logs; stored like any other value

    friend bool operator==(const TemplateVariable&, const TemplateVariable&) = default;
};

} // namespace Knot
