#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace Knot {

class CliContext;

// One command of the command-line tool, e.g. {"template", "list"}. `run` receives the arguments after
// the command words and returns an exit code, or CliContext::Pending when it finishes asynchronously.
struct Command
{
    QString group;
    QString name;
    QString synopsis; // arguments after the command words, for --help
    QString summary;
    std::function<int(CliContext&, const QStringList& arguments)> run;
};

} // namespace Knot
