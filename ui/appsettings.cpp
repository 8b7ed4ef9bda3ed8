#include "ui/appsettings.h"

#include <QSettings>

#include <algorithm>

namespace Knot {

namespace {

// A key and its default, declared together so a reader never has to hunt for the fallback.
template <typename T>
struct Key
{
    const char* name;
    T fallback;
};

const Key<QByteArray> WindowGeometry {"window/geometry", {}};
const Key<QByteArray> WindowState {"window/state", {}};
const Key<QString> CurrentPage {"window/currentPage", QStringLiteral("spaces")};
const Key<bool> CloseToTray {"window/closeToTray", true};
const Key<int> StyleKey {"appearance/style", static_cast<int>(AppSettings::Style::System)};
const Key<int> ThemeKey {"appearance/theme", static_cast<int>(AppSettings::Theme::System)};
const Key<QString> DefaultShell {"spaces/defaultShell", QStringLiteral("bash")};
const Key<int> TerminalScrollback {"terminal/scrollbackLines", 10000};

constexpr int MinScrollback = 100;
constexpr int MaxScrollback = 1000000;

template <typename T>
T read(const QSettings* settings, const Key<T>& key)
{
    const QVariant value = settings->value(QLatin1String(key.name));
    if (!value.isValid() || !value.canConvert<T>()) {
        return key.fallback;
    }
    return value.value<T>();
}

template <typename T>
void write(QSettings* settings, const Key<T>& key, const T& value)
{
    settings->setValue(QLatin1String(key.name), QVariant::fromValue(value));
}

template <typename Enum>
Enum readEnum(const QSettings* settings, const Key<int>& key, Enum last)
{
    const int value = read(settings, key);
    if (value < 0 || value > static_cast<int>(last)) {
        return static_cast<Enum>(key.fallback);
    }
    return static_cast<Enum>(value);
}

} // namespace

AppSettings::AppSettings(QSettings* settings) : m_settings(settings) { }

QByteArray AppSettings::windowGeometry() const
{
    return read(m_settings, WindowGeometry);
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    write(m_settings, WindowGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return read(m_settings, WindowState);
}

void AppSettings::setWindowState(const QByteArray& state)
{
    write(m_settings, WindowState, state);
}

QString AppSettings::currentPage() const
{
    return read(m_settings, CurrentPage);
}

void AppSettings::setCurrentPage(const QString& page)
{
    write(m_settings, CurrentPage, page);
}

bool AppSettings::closeToTray() const
{
    return read(m_settings, CloseToTray);
}

void AppSettings::setCloseToTray(bool enabled)
{
    write(m_settings, CloseToTray, enabled);
}

AppSettings::Style AppSettings::style() const
{
    return readEnum(m_settings, StyleKey, Style::Fusion);
}

void AppSettings::setStyle(Style style)
{
    write(m_settings, StyleKey, static_cast<int>(style));
}

AppSettings::Theme AppSettings::theme() const
{
    return readEnum(m_settings, ThemeKey, Theme::Dark);
}

void AppSettings::setTheme(Theme theme)
{
    write(m_settings, ThemeKey, static_cast<int>(theme));
}

QString AppSettings::defaultShell() const
{
    return read(m_settings, DefaultShell);
}

void AppSettings::setDefaultShell(const QString& shell)
{
    write(m_settings, DefaultShell, shell);
}

int AppSettings::terminalScrollback() const
{
    return std::clamp(read(m_settings, TerminalScrollback), MinScrollback, MaxScrollback);
}

void AppSettings::setTerminalScrollback(int lines)
{
    write(m_settings, TerminalScrollback, std::clamp(lines, MinScrollback, MaxScrollback));
}

void AppSettings::sync()
{
    m_settings->sync();
}

} // namespace Knot
