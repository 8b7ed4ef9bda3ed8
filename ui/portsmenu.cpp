#include "ui/portsmenu.h"

namespace Knot {

PortsMenu::PortsMenu(const QString& spaceId, QWidget* parent) : QMenu(tr("Ports"), parent), m_spaceId(spaceId)
{
    setObjectName(QStringLiteral("portsMenu"));
    setToolTipsVisible(true);
    setLoading();
}

void PortsMenu::addNote(const QString& text)
{
    QAction* note = addAction(text);
    note->setObjectName(QStringLiteral("portsNote"));
    note->setEnabled(false);
}

void PortsMenu::setLoading()
{
    clear();
    m_entries.clear();
    m_loading = true;
    addNote(tr("Looking for ports…"));
}

void PortsMenu::setError(const QString& message)
{
    clear();
    m_entries.clear();
    m_loading = false;
    addNote(message);
}

void PortsMenu::setEntries(const QList<PortEntry>& entries)
{
    clear();
    m_entries = entries;
    m_loading = false;
    if (entries.isEmpty()) {
        addNote(tr("No ports declared or published"));
        return;
    }
    for (const PortEntry& entry : entries) {
        const QString number = QString::number(entry.port);
        const QString reason = SpacePorts::unreachableReason(entry);
        QString text = entry.isPublished() ? tr("%1 → %2").arg(entry.label(), entry.address())
                       : reason.isEmpty()  ? tr("%1 → local forward").arg(entry.label())
                                           : tr("%1 — not published").arg(entry.label());
        if (entry.listening) {
            text += tr(" · listening");
        }
        QMenu* sub = addMenu(text);
        sub->setObjectName(QStringLiteral("port_") + number);
        sub->setToolTipsVisible(true);
        sub->menuAction()->setToolTip(reason);
        QAction* open = sub->addAction(tr("Open in Browser"), this, [this, entry] { Q_EMIT openRequested(entry); });
        open->setObjectName(QStringLiteral("openPort_") + number);
        QAction* copy = sub->addAction(
            entry.isWeb() ? tr("Copy URL") : tr("Copy Address"), this, [this, entry] { Q_EMIT copyRequested(entry); });
        copy->setObjectName(QStringLiteral("copyPort_") + number);
        open->setEnabled(reason.isEmpty() && entry.isWeb());
        copy->setEnabled(reason.isEmpty());
        const QString where = entry.isPublished() ? entry.address() : tr("through a local forward into the space");
        copy->setToolTip(reason.isEmpty() ? where : reason);
        open->setToolTip(!reason.isEmpty() ? reason
                         : entry.isWeb()   ? where
                                           : tr("%1 is not a web port").arg(entry.label()));
    }
}

} // namespace Knot
