#pragma once

#include "ui/iconcache.h"
#include "ui/rowdelegate.h"
#include "ui/serviceicon.h"

#include <QHash>

namespace Knot {

// Paints a space row: icon, name with the Update Available badge, description, template name,
// service icons while Running, and the state with its coloured dot, uptime, pull progress or error.
class SpaceItemDelegate : public RowDelegate
{
    Q_OBJECT

public:
    explicit SpaceItemDelegate(QObject* parent = nullptr);

    // Services whose actions exist yet; the others are drawn disabled with `reason` as tooltip.
    void setServiceAvailable(ServiceIcon service, bool available, const QString& reason = {});
    bool isServiceAvailable(ServiceIcon service) const { return m_available.testFlag(service); }

    // Where each visible service icon is drawn in a row, in display order.
    QList<QPair<ServiceIcon, QRect>> serviceRects(const QRect& row, const QModelIndex& index) const;
    static QString formatUptime(qint64 seconds);

Q_SIGNALS:
    void serviceClicked(const QModelIndex& index, Knot::ServiceIcon service);

protected:
    void paintContent(QPainter* painter,
                      const QStyleOptionViewItem& option,
                      const QModelIndex& index,
                      const QRect& content) const override;
    int lineCount() const override { return 3; }
    bool contentClicked(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) override;
    QString
    contentToolTip(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) const override;

private:
    void paintState(QPainter* painter,
                    const QStyleOptionViewItem& option,
                    const QModelIndex& index,
                    const QRect& rect) const;

    ServiceIcons m_available;
    QHash<ServiceIcon, QString> m_reasons;
    mutable IconCache m_icons; // paint() is const
};

} // namespace Knot
