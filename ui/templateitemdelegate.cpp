#include "ui/templateitemdelegate.h"

#include "ui/palettecolors.h"
#include "ui/templatelistmodel.h"

#include <QPainter>

namespace Knot {

void TemplateItemDelegate::paintContent(QPainter* painter,
                                        const QStyleOptionViewItem& option,
                                        const QModelIndex& index,
                                        const QRect& content) const
{
    const QRect iconRect = paintIcon(painter, index, content);

    // Right column: engine badge above the space count.
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics smallMetrics(small);
    const int count = index.data(TemplateListModel::SpaceCountRole).toInt();
    const QString countText = count == 0 ? tr("No spaces") : count == 1 ? tr("1 space") : tr("%1 spaces").arg(count);
    const QString platform = index.data(TemplateListModel::PlatformRole).toString();
    const int rightWidth =
        std::max(smallMetrics.horizontalAdvance(countText), smallMetrics.horizontalAdvance(platform) + 12);
    const QRect right(content.right() - rightWidth, content.top(), rightWidth, content.height());
    const int lineHeight = option.fontMetrics.height();
    paintBadge(painter,
               QRect(right.left() + rightWidth - smallMetrics.horizontalAdvance(platform) - 12,
                     right.top(),
                     rightWidth,
                     lineHeight),
               platform,
               PaletteColors::info(option.palette),
               small);
    painter->setFont(small);
    painter->setPen(textColor(option, true));
    painter->drawText(right.adjusted(0, lineHeight + 2, 0, 0), Qt::AlignRight | Qt::AlignTop, countText);

    const QRect text(
        iconRect.right() + Margin, content.top(), right.left() - iconRect.right() - 2 * Margin, content.height());
    QFont bold = option.font;
    bold.setBold(true);
    paintLine(painter,
              lineRect(text, 0, lineHeight),
              index.data(TemplateListModel::NameRole).toString(),
              bold,
              textColor(option));
    paintLine(painter,
              lineRect(text, 1, lineHeight),
              index.data(TemplateListModel::DescriptionRole).toString(),
              option.font,
              textColor(option, true));
}

} // namespace Knot
