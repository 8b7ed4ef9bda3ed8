#include "core/terminal/shelllauncher.h"

#include <QRegularExpression>

namespace Knot {

namespace {

// "$0" is the script name; the candidates follow as "$@". `cd` failing (no home) is not fatal.
constexpr auto ShellScript = R"sh(for s in "$@"; do
  if command -v "$s" >/dev/null 2>&1; then cd "${HOME:-/}" 2>/dev/null || cd /; exec "$s" -l; fi
done
echo "knot: no usable shell in this space (tried: $*)" >&2
exit 127)sh";

constexpr auto TunnelScript = R"sh(if ! command -v screen >/dev/null 2>&1; then
  echo "knot: screen is not installed in this space, so the VS Code tunnel login cannot be shown." >&2
  exit 127
fi
if ! screen -ls 2>/dev/null | grep -q "[0-9]\.$1[[:space:]]"; then
  echo "knot: there is no screen session named '$1' in this space (is the VS Code tunnel running?)." >&2
  exit 1
fi
exec screen -d -r "$1")sh";

ShellCommand base(const ContainerSpec& spec)
{
    ShellCommand command;
    command.user = ShellLauncher::environmentValue(spec.environment, QStringLiteral("KNOT_USER"));
    command.environment = {QStringLiteral("TERM=xterm-256color"), QStringLiteral("COLORTERM=truecolor")};
    return command;
}

bool isCommandName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.+-]+$"));
    return pattern.match(name).hasMatch();
}

} // namespace

QStringList ShellLauncher::candidates(const QString& shell)
{
    QStringList result;
    const QString chosen = shell.trimmed().isEmpty() ? QStringLiteral("bash") : shell.trimmed();
    if (isCommandName(chosen)) {
        result.append(chosen);
    }
    for (const auto* fallback : {"zsh", "bash", "sh"}) {
        const QString name = QString::fromLatin1(fallback);
        if (!result.contains(name)) {
            result.append(name);
        }
    }
    return result;
}

QString ShellLauncher::environmentValue(const QStringList& environment, const QString& key)
{
    const QString prefix = key + u'=';
    // Later entries win, as they do for the engine.
    for (auto it = environment.crbegin(); it != environment.crend(); ++it) {
        if (it->startsWith(prefix)) {
            return it->mid(prefix.size());
        }
    }
    return {};
}

ShellCommand ShellLauncher::shell(const QString& shell, const ContainerSpec& spec)
{
    ShellCommand command = base(spec);
    command.command = QStringList {QStringLiteral("/bin/sh"),
                                   QStringLiteral("-c"),
                                   QString::fromLatin1(ShellScript),
                                   QStringLiteral("knot-shell")}
                      + candidates(shell);
    return command;
}

ShellCommand ShellLauncher::tunnelLogin(const ContainerSpec& spec)
{
    ShellCommand command = base(spec);
    QString session = environmentValue(spec.environment, QStringLiteral("VSCODE_TUNNEL_SCREEN"));
    if (session.isEmpty()) {
        session = QString::fromLatin1(DefaultTunnelSession);
    }
    command.command = {QStringLiteral("/bin/sh"),
                       QStringLiteral("-c"),
                       QString::fromLatin1(TunnelScript),
                       QStringLiteral("knot-tunnel"),
                       session};
    return command;
}

} // namespace Knot
