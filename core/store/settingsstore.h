#pragma once

#include "core/result.h"

#include <QString>

#include <optional>

namespace Knot {

class Database;

// Application settings as key/value rows, read with a type and a default. A key that was never
// set, or holds text that is not of the asked type, reads as the default.
class SettingsStore
{
public:
    explicit SettingsStore(Database& db) : m_db(db) { }

    // The app's own settings: key and default are declared together here.
    Result<QString> defaultShell() const { return text(QStringLiteral("defaultShell"), QStringLiteral("bash")); }
    VoidResult setDefaultShell(const QString& shell) { return setText(QStringLiteral("defaultShell"), shell); }
    Result<bool> closeToTray() const { return flag(QStringLiteral("closeToTray"), true); }
    VoidResult setCloseToTray(bool enabled) { return setFlag(QStringLiteral("closeToTray"), enabled); }
    Result<int> scrollbackLines() const { return number(QStringLiteral("scrollbackLines"), 10000); }
    VoidResult setScrollbackLines(int lines) { return setNumber(QStringLiteral("scrollbackLines"), lines); }

    // Typed access by key.
    Result<QString> text(const QString& key, const QString& defaultValue) const;
    Result<bool> flag(const QString& key, bool defaultValue) const;
    Result<int> number(const QString& key, int defaultValue) const;
    VoidResult setText(const QString& key, const QString& value);
    VoidResult setFlag(const QString& key, bool value);
    VoidResult setNumber(const QString& key, int value);

    // Raw access: empty when the key was never set.
    Result<std::optional<QString>> value(const QString& key) const;
    VoidResult remove(const QString& key);

private:
    Database& m_db;
};

} // namespace Knot
