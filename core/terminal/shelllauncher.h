#pragma once

#include "core/model/containerspec.h"

#include <QString>
#include <QStringList>

namespace Knot {

// What to run in a space's container for a terminal: the exec's command, user, environment and
// working directory. Kept free of engine types so callers can map it onto any exec API.
struct ShellCommand
{
    QStringList command;
    QStringList environment; // KEY=value
    QString user;            // empty = the image's default user
    QString workingDir;      // empty = the image's default
    friend bool operator==(const ShellCommand&, const ShellCommand&) = default;
};

// Decides what a terminal into a space runs.
//
// The shell is chosen inside the container by one `sh -c` script that walks the candidates (the
// space's shell, then zsh → bash → sh) and execs the first one installed as a login shell in $HOME.
// One exec instead of a probe exec plus the real one: no extra round trip, no race with an image
// that changes between the two, and the choice is made by the only party that knows the image.
// The cost is that /bin/sh must exist, which holds for every image that can run a shell at all.
class ShellLauncher
{
public:
    static constexpr auto DefaultTunnelSession = "vscodetunnel";

    // A login shell: `shell` is bash, zsh, fish or sh (empty = bash). Unknown names are still tried
    // first (the image may have them) but must be plain command names.
    static ShellCommand shell(const QString& shell, const ContainerSpec& spec);
    // Attaches to the VS Code tunnel's screen session (VSCODE_TUNNEL_SCREEN in the spec's
    // environment, default vscodetunnel), saying clearly when screen or the session is missing.
    static ShellCommand tunnelLogin(const ContainerSpec& spec);

    // The shells tried, in order, for a chosen shell.
    static QStringList candidates(const QString& shell);
    // The value of `key` in a KEY=value list, or empty.
    static QString environmentValue(const QStringList& environment, const QString& key);
};

} // namespace Knot
