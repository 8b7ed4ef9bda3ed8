#pragma once

#include "ui/spaceports.h"

#include <QMenu>

namespace Knot {

// A space's Ports menu (the row's Ports icon and the tray): one submenu per port with Open in
// Browser and Copy URL. Filled once the ports are known; it only signals what the user picked.
class PortsMenu : public QMenu
{
    Q_OBJECT

public:
    explicit PortsMenu(const QString& spaceId, QWidget* parent = nullptr);

    QString spaceId() const { return m_spaceId; }
    // "Looking for ports…" until setEntries() or setError().
    void setLoading();
    void setEntries(const QList<PortEntry>& entries);
    void setError(const QString& message);
    QList<PortEntry> entries() const { return m_entries; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void openRequested(const Knot::PortEntry& entry);
    void copyRequested(const Knot::PortEntry& entry);

private:
    void addNote(const QString& text);

    QString m_spaceId;
    QList<PortEntry> m_entries;
    bool m_loading = false;
};

} // namespace Knot
