#include "ui/appsettings.h"

#include "core/store/settingsstore.h"

#include <QSettings>

#include <functional>

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
// Keys of earlier versions, read only to migrate them to the SettingsStore.
constexpr const char* LegacyDefaultShell = "spaces/defaultShell";
constexpr const char* LegacyScrollback = "terminal/scrollbackLines";

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

VoidResult AppSettings::migrateTo(SettingsStore& store)
{
    // Each legacy key: copied when the store has no value of its own, then dropped here.
    const auto migrate = [&](const char* legacyKey,
                             const QString& storeKey,
                             const std::function<VoidResult(const QVariant&)>& write) -> VoidResult {
        const QString key = QLatin1String(legacyKey);
        if (!m_settings->contains(key)) {
            return {};
        }
        const auto existing = store.value(storeKey);
        if (!existing) {
            return existing.error();
        }
        if (!existing->has_value()) {
            if (auto written = write(m_settings->value(key)); !written) {
                return written;
            }
        }
        m_settings->remove(key);
        return {};
    };
    if (auto shell = migrate(LegacyDefaultShell,
                             QStringLiteral("defaultShell"),
                             [&](const QVariant& value) { return store.setDefaultShell(value.toString()); });
        !shell) {
        return shell;
    }
    return migrate(LegacyScrollback, QStringLiteral("scrollbackLines"), [&](const QVariant& value) {
        bool ok = false;
        const int lines = value.toInt(&ok);
        return ok ? store.setScrollbackLines(lines) : VoidResult();
    });
}

void AppSettings::sync()
{
    m_settings->sync();
}

} // namespace Knot
