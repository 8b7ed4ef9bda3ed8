#pragma once

#include "core/model/space.h"
#include "core/terminal/shelllauncher.h"

#include <QObject>
#include <QUrl>

#include <memory>

class QSettings;

namespace Knot {

class EngineClient;
class EngineManager;
class SettingsStore;
class SpaceService;
class TerminalWindow;

// Opens terminals into spaces for the desktop: finds the space's container and engine, runs the
// space's shell (or the VS Code tunnel login) there in a tab of the one TerminalWindow, and tells
// open tabs when their space stops or runs in a new container.
//
// The shell's user and the tunnel's screen session come from the running container's environment
// (KNOT_USER, VSCODE_TUNNEL_SCREEN): that is what the space was started with, even when the
// template has changed since.
//
// The VS Code tunnel: like knot, the space runs `code tunnel` (the CLI in ~/.local/bin or on the PATH)
// in a screen session without --name, so the tunnel's name is the one picked when logging in and only
// `code tunnel status` knows it. One short exec asks it: when it reports the tunnel connected, the tunnel
// opens in the browser (https://vscode.dev/tunnel/<name>); otherwise (not logged in yet, no CLI, no
// answer) the login terminal on the screen session opens, as knot's red icon does.
class SpaceTerminals : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Shell,
        TunnelLogin,
    };

    // `settings` keeps the window's geometry (may be null).
    SpaceTerminals(SpaceService& spaces, EngineManager& engines, QSettings* settings, QObject* parent = nullptr);
    ~SpaceTerminals() override;

    // Opens a tab, or for TunnelLogin the tunnel in the browser when it is connected; failures (space
    // not running, engine unreachable) come as failed().
    void open(const QString& spaceId, Kind kind);

    // The browser address of a connected tunnel from `code tunnel status` output; empty when it is not
    // connected or the output says nothing usable.
    static QUrl tunnelUrl(const QByteArray& statusJson);

    // Where the scrollback size is read from at each open() (may be null: the default size).
    void setSettingsStore(const SettingsStore* store) { m_store = store; }

    // The window, made on the first open().
    TerminalWindow* window() const { return m_window.get(); }

Q_SIGNALS:
    void failed(const QString& message);
    // A tab was opened (for tests and the tray).
    void opened(const QString& spaceId);
    // The connected tunnel was opened in the browser instead of a tab.
    void tunnelOpened(const QString& spaceId, const QUrl& url);

private:
    void openTab(const Space& space, EngineClient* engine, const ShellCommand& command);
    void onSpaceChanged(const Space& space);

    SpaceService& m_spaces;
    EngineManager& m_engines;
    QSettings* m_settings;
    const SettingsStore* m_store = nullptr;
    std::unique_ptr<TerminalWindow> m_window;
};

} // namespace Knot
