#include "core/store/settingsstore.h"

#include "core/logging.h"
#include "core/store/database.h"

#include <QSqlQuery>

namespace Knot {

Result<std::optional<QString>> SettingsStore::value(const QString& key) const
{
    auto row = m_db.exec(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!row) {
        return row.error();
    }
    if (!row->next()) {
        return std::optional<QString> {};
    }
    return std::optional<QString> {row->value(0).toString()};
}

VoidResult SettingsStore::setText(const QString& key, const QString& value)
{
    return m_db.run(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                    {key, value});
}

VoidResult SettingsStore::remove(const QString& key)
{
    return m_db.run(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key});
}

Result<QString> SettingsStore::text(const QString& key, const QString& defaultValue) const
{
    const auto stored = value(key);
    if (!stored) {
        return stored.error();
    }
    return stored->value_or(defaultValue);
}

Result<bool> SettingsStore::flag(const QString& key, bool defaultValue) const
{
    const auto stored = value(key);
    if (!stored) {
        return stored.error();
    }
    if (!stored->has_value()) {
        return defaultValue;
    }
    if (**stored == u"true") {
        return true;
    }
    if (**stored == u"false") {
        return false;
    }
    qCWarning(lcStore) << "Setting" << key << "holds" << **stored << "instead of true or false; using the default";
    return defaultValue;
}

Result<int> SettingsStore::number(const QString& key, int defaultValue) const
{
    const auto stored = value(key);
    if (!stored) {
        return stored.error();
    }
    if (!stored->has_value()) {
        return defaultValue;
    }
    bool ok = false;
    const int parsed = (*stored)->toInt(&ok);
    if (!ok) {
        qCWarning(lcStore) << "Setting" << key << "holds" << **stored << "instead of a number; using the default";
        return defaultValue;
    }
    return parsed;
}

VoidResult SettingsStore::setFlag(const QString& key, bool value)
{
    return setText(key, value ? QStringLiteral("true") : QStringLiteral("false"));
}

VoidResult SettingsStore::setNumber(const QString& key, int value)
{
    return setText(key, QString::number(value));
}

} // namespace Knot
