#pragma once

#include "core/model/space.h"

#include <QObject>

#include <memory>

class QSettings;

namespace Knot {

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

    // Opens a tab; failures (space not running, engine unreachable) come as failed().
    void open(const QString& spaceId, Kind kind);

    // Where the scrollback size is read from at each open() (may be null: the default size).
    void setSettingsStore(const SettingsStore* store) { m_store = store; }

    // The window, made on the first open().
    TerminalWindow* window() const { return m_window.get(); }

Q_SIGNALS:
    void failed(const QString& message);
    // A tab was opened (for tests and the tray).
    void opened(const QString& spaceId);

private:
    void onSpaceChanged(const Space& space);

    SpaceService& m_spaces;
    EngineManager& m_engines;
    QSettings* m_settings;
    const SettingsStore* m_store = nullptr;
    std::unique_ptr<TerminalWindow> m_window;
};

} // namespace Knot
