#pragma once

#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QStringList>
#include <QTest>

#include <algorithm>

// Reading and typing in a terminal tab, for tests that run a real shell in it.
namespace KnotTest {

// Every line of the screen and its scrollback, trimmed. Read under the surface's lock: the view's parser
// thread may be writing.
inline QStringList screenLines(const Knot::TerminalTab* tab)
{
    const auto lock = tab->view()->lockSurface();
    const Knot::TerminalSurface* surface = tab->view()->surface();
    QStringList lines;
    for (qint64 line = surface->firstLine(); line < surface->screenTop() + surface->rows(); ++line) {
        lines.append(surface->lineText(line).trimmed());
    }
    return lines;
}

inline bool hasLine(const Knot::TerminalTab* tab, const QString& text)
{
    return screenLines(tab).contains(text);
}

inline bool hasLineMatching(const Knot::TerminalTab* tab, const QRegularExpression& pattern)
{
    const QStringList lines = screenLines(tab);
    return std::any_of(
        lines.cbegin(), lines.cend(), [&](const QString& line) { return pattern.match(line).hasMatch(); });
}

inline void type(Knot::TerminalTab* tab, const QString& line)
{
    const auto lock = tab->view()->lockSurface();
    tab->view()->surface()->sendText(line);
    tab->view()->surface()->sendKey(Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r"));
}

// Types `command` (which must print `expected` as a line of its own) until it shows up: input typed
// while the shell is still starting can be discarded when it sets up its line editing, and a
// resize may still be on its way.
inline bool typeUntil(Knot::TerminalTab* tab, const QString& command, const QString& expected, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        type(tab, command);
        if (QTest::qWaitFor([&] { return hasLine(tab, expected); }, 2000)) {
            return true;
        }
    }
    return false;
}

} // namespace KnotTest
