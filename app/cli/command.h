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

// A command table entry from UTF-8 literals.
inline Command makeCommand(const char* group,
                           const char* name,
                           const char* synopsis,
                           const char* summary,
                           std::function<int(CliContext&, const QStringList& arguments)> run)
{
    return Command {QString::fromUtf8(group),
                    QString::fromUtf8(name),
                    QString::fromUtf8(synopsis),
                    QString::fromUtf8(summary),
                    std::move(run)};
}

} // namespace Knot
