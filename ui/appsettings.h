#pragma once

#include <QByteArray>
#include <QString>

class QSettings;

namespace Knot {

// Typed access to the desktop's preferences. Each key is declared once with its default (see the
// table in appsettings.cpp); the QSettings is injected so tests use a temporary file.
//
// defaultShell and terminalScrollback are data settings that belong in the core SettingsStore; they
// live here behind the same accessors until the lead wires that store in.
class AppSettings
{
public:
    enum class Style
    {
        System,
        Fusion,
    };
    enum class Theme
    {
        System,
        Light,
        Dark,
    };

    explicit AppSettings(QSettings* settings);
    // The underlying store, for windows that keep their own state (the terminal window's geometry).
    QSettings* qsettings() const { return m_settings; }

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QString currentPage() const;
    void setCurrentPage(const QString& page);

    bool closeToTray() const;
    void setCloseToTray(bool enabled);
    Style style() const;
    void setStyle(Style style);
    Theme theme() const;
    void setTheme(Theme theme);

    QString defaultShell() const;
    void setDefaultShell(const QString& shell);
    int terminalScrollback() const;
    void setTerminalScrollback(int lines);

    void sync();

private:
    QSettings* m_settings;
};

} // namespace Knot
