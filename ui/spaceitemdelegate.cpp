#include "ui/spaceitemdelegate.h"

#include "ui/icons.h"
#include "ui/palettecolors.h"
#include "ui/spacelistmodel.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace Knot {

namespace {
constexpr int StateWidth = 190;
constexpr int ServiceIconSize = 20;
constexpr int ServiceSpacing = 6;
constexpr std::array AllServices {
    ServiceIcon::Vnc, ServiceIcon::CodeServer, ServiceIcon::VscodeTunnel, ServiceIcon::WebTerminal, ServiceIcon::Ports};
} // namespace

SpaceItemDelegate::SpaceItemDelegate(QObject* parent) : RowDelegate(parent) { }

void SpaceItemDelegate::setServiceAvailable(ServiceIcon service, bool available, const QString& reason)
{
    m_available.setFlag(service, available);
    m_reasons.insert(service, reason);
}

QList<QPair<ServiceIcon, QRect>> SpaceItemDelegate::serviceRects(const QRect& row, const QModelIndex& index) const
{
    QList<QPair<ServiceIcon, QRect>> rects;
    if (index.data(SpaceListModel::StateRole).toInt() != static_cast<int>(SpaceState::Running)) {
        return rects;
    }
    const auto services = ServiceIcons(index.data(SpaceListModel::VisibleServicesRole).toInt());
    const QRect content = contentRect(row);
    int right = content.right() - StateWidth - Margin;
    for (auto it = AllServices.rbegin(); it != AllServices.rend(); ++it) {
        if (!services.testFlag(*it)) {
            continue;
        }
        const QRect rect(
            right - ServiceIconSize, content.center().y() - ServiceIconSize / 2, ServiceIconSize, ServiceIconSize);
        rects.prepend({*it, rect});
        right -= ServiceIconSize + ServiceSpacing;
    }
    return rects;
}

QString SpaceItemDelegate::formatUptime(qint64 seconds)
{
    if (seconds < 60) {
        return tr("Up less than a minute");
    }
    const qint64 minutes = seconds / 60 % 60;
    const qint64 hours = seconds / 3600 % 24;
    const qint64 days = seconds / 86400;
    if (days > 0) {
        return tr("Up %1d %2h").arg(days).arg(hours);
    }
    if (hours > 0) {
        return tr("Up %1h %2m").arg(hours).arg(minutes);
    }
    return tr("Up %1m").arg(minutes);
}

void SpaceItemDelegate::paintContent(QPainter* painter,
                                     const QStyleOptionViewItem& option,
                                     const QModelIndex& index,
                                     const QRect& content) const
{
    const QRect iconRect = paintIcon(painter, index, content);

    const QRect stateRect(content.right() - StateWidth, content.top(), StateWidth, content.height());
    paintState(painter, option, index, stateRect);

    const auto services = serviceRects(option.rect, index);
    const QColor enabledColor = textColor(option);
    const QColor disabledColor = PaletteColors::blend(textColor(option), option.palette.color(QPalette::Base), 0.6);
    int textRight = stateRect.left() - Margin;
    const bool tunnelConnected = index.data(SpaceListModel::TunnelConnectedRole).toBool();
    for (const auto& [service, rect] : services) {
        const bool available = m_available.testFlag(service);
        QColor color = available ? enabledColor : disabledColor;
        if (service == ServiceIcon::VscodeTunnel && available && !tunnelConnected) {
            color = PaletteColors::error(option.palette); // DESIGN: red until the tunnel is connected
        }
        m_icons.service(service, color).paint(painter, rect);
        textRight = std::min(textRight, rect.left() - Margin);
    }

    const int lineHeight = option.fontMetrics.height();
    const QRect text(iconRect.right() + Margin, content.top(), textRight - iconRect.right() - Margin, content.height());

    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    QString badge;
    if (index.data(SpaceListModel::UpdateAvailableRole).toBool()) {
        badge = tr("Update Available");
    }
    const int badgeWidth = badge.isEmpty() ? 0 : option.fontMetrics.horizontalAdvance(badge) + 12 + Margin;
    const QString name = boldMetrics.elidedText(
        index.data(SpaceListModel::NameRole).toString(), Qt::ElideRight, std::max(0, text.width() - badgeWidth));
    painter->setFont(bold);
    painter->setPen(textColor(option));
    const QRect nameRect(text.left(), text.top(), text.width(), lineHeight);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter, name);
    if (!badge.isEmpty()) {
        const int x = text.left() + boldMetrics.horizontalAdvance(name) + Margin;
        paintBadge(painter,
                   QRect(x, nameRect.top(), badgeWidth, lineHeight),
                   badge,
                   PaletteColors::info(option.palette),
                   option.font);
    }

    paintLine(painter,
              lineRect(text, 1, lineHeight),
              index.data(SpaceListModel::DescriptionRole).toString(),
              option.font,
              textColor(option, true));
    const QString templateName = index.data(SpaceListModel::TemplateNameRole).toString();
    if (!templateName.isEmpty()) {
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.9);
        paintLine(painter,
                  lineRect(text, 2, lineHeight),
                  tr("Template: %1").arg(templateName),
                  small,
                  textColor(option, true));
    }
}

void SpaceItemDelegate::paintState(QPainter* painter,
                                   const QStyleOptionViewItem& option,
                                   const QModelIndex& index,
                                   const QRect& rect) const
{
    const auto state = static_cast<SpaceState>(index.data(SpaceListModel::StateRole).toInt());
    const int lineHeight = option.fontMetrics.height();
    const QColor stateColor = PaletteColors::forState(state, option.palette);
    const QRect first(rect.left(), rect.top(), rect.width(), lineHeight);
    paintDot(painter, QPoint(first.left() + 5, first.center().y()), 10, stateColor);
    painter->setFont(option.font);
    painter->setPen(textColor(option));
    painter->drawText(first.adjusted(16, 0, 0, 0),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(SpaceListModel::StateTextRole).toString());

    const QRect second(rect.left(), first.bottom() + 3, rect.width(), lineHeight);
    const QRect third(rect.left(), second.bottom() + 3, rect.width(), lineHeight);
    painter->setPen(textColor(option, true));
    if (state == SpaceState::Running) {
        const QDateTime startedAt = index.data(SpaceListModel::StartedAtRole).toDateTime();
        if (startedAt.isValid()) {
            const qint64 seconds = std::max<qint64>(0, startedAt.secsTo(QDateTime::currentDateTimeUtc()));
            painter->drawText(second, Qt::AlignLeft | Qt::AlignVCenter, formatUptime(seconds));
        }
    } else if (state == SpaceState::Failed) {
        painter->setPen(option.state & QStyle::State_Selected ? textColor(option)
                                                              : PaletteColors::error(option.palette));
        const QString error = index.data(SpaceListModel::ErrorRole).toString();
        painter->drawText(second.united(third),
                          Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                          option.fontMetrics.elidedText(error, Qt::ElideRight, rect.width() * 2 - 20));
    } else if (state == SpaceState::Starting) {
        const QVariant progress = index.data(SpaceListModel::PullProgressRole);
        if (!progress.isNull()) {
            QStyleOptionProgressBar bar;
            bar.rect = second.adjusted(0, 2, -4, -2);
            bar.palette = option.palette;
            bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
            bar.minimum = 0;
            // An unknown size shows a busy bar.
            bar.maximum = progress.toInt() < 0 ? 0 : 100;
            bar.progress = std::max(0, progress.toInt());
            const QWidget* widget = option.widget;
            QStyle* style = widget ? widget->style() : QApplication::style();
            style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
            painter->drawText(third,
                              Qt::AlignLeft | Qt::AlignVCenter,
                              option.fontMetrics.elidedText(
                                  index.data(SpaceListModel::PullTextRole).toString(), Qt::ElideRight, rect.width()));
        }
    }
}

bool SpaceItemDelegate::contentClicked(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos)
{
    for (const auto& [service, rect] : serviceRects(option.rect, index)) {
        if (rect.contains(pos)) {
            if (m_available.testFlag(service)) {
                Q_EMIT serviceClicked(index, service);
            }
            return true;
        }
    }
    return false;
}

QString
SpaceItemDelegate::contentToolTip(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) const
{
    for (const auto& [service, rect] : serviceRects(option.rect, index)) {
        if (rect.contains(pos)) {
            const QString name = Icons::serviceName(service);
            if (service == ServiceIcon::VscodeTunnel && m_available.testFlag(service)) {
                const QString tunnel = index.data(SpaceListModel::TunnelNameRole).toString();
                if (!index.data(SpaceListModel::TunnelConnectedRole).toBool()) {
                    return tr("%1 — not connected: click to log in").arg(name);
                }
                if (!tunnel.isEmpty()) {
                    return tr("%1 — connected as “%2”: click to open it in the browser").arg(name, tunnel);
                }
            }
            const QString reason = m_reasons.value(service);
            return m_available.testFlag(service) || reason.isEmpty() ? name : tr("%1 — %2").arg(name, reason);
        }
    }
    return {};
}

} // namespace Knot
