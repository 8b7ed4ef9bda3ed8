#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

class QSettings;

namespace Knot {

class SettingsStore;

// Typed access to the desktop's preferences. Each key is declared once with its default (see the
// table in appsettings.cpp); the QSettings is injected so tests use a temporary file.
//
// Only how the desktop looks and behaves lives here; settings the command-line tool shares (the
// default shell, terminal scrollback) are in the database's SettingsStore.
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

    // Moves the default shell and scrollback that older versions kept here into `store` (unless
    // the store has them already) and forgets them here, so it happens once.
    VoidResult migrateTo(SettingsStore& store);

    void sync();

private:
    QSettings* m_settings;
};

} // namespace Knot
