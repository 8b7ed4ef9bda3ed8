#include "ui/rowdelegate.h"

#include "ui/palettecolors.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace Knot {

namespace {
constexpr int MenuButtonWidth = 28;
}

RowDelegate::RowDelegate(QObject* parent) : QStyledItemDelegate(parent) { }

void RowDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = QIcon();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    paintContent(painter, option, index, contentRect(option.rect));

    // Three dots, in the text colour so they follow the theme.
    const QRect button = menuButtonRect(option.rect);
    const QColor dots = textColor(option, !(option.state & QStyle::State_MouseOver));
    for (int i = -1; i <= 1; ++i) {
        paintDot(painter, QPoint(button.center().x(), button.center().y() + i * 6), 4, dots);
    }
    painter->restore();
}

QSize RowDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    Q_UNUSED(index)
    const int lineHeight = option.fontMetrics.height();
    const int height = std::max(IconSize, lineCount() * lineHeight + (lineCount() - 1) * 2) + 2 * Margin;
    return {400, height};
}

bool RowDelegate::editorEvent(QEvent* event,
                              QAbstractItemModel* model,
                              const QStyleOptionViewItem& option,
                              const QModelIndex& index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            const QPoint pos = mouse->position().toPoint();
            const QRect button = menuButtonRect(option.rect);
            if (button.contains(pos)) {
                const QPoint anchor = option.widget ? option.widget->mapToGlobal(button.bottomLeft()) : pos;
                Q_EMIT menuRequested(index, anchor);
                return true;
            }
            if (contentClicked(option, index, pos)) {
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool RowDelegate::helpEvent(QHelpEvent* event,
                            QAbstractItemView* view,
                            const QStyleOptionViewItem& option,
                            const QModelIndex& index)
{
    if (event->type() == QEvent::ToolTip) {
        QString text;
        if (menuButtonRect(option.rect).contains(event->pos())) {
            text = tr("More actions");
        } else {
            text = contentToolTip(option, index, event->pos());
        }
        if (!text.isEmpty()) {
            QToolTip::showText(event->globalPos(), text, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QRect RowDelegate::menuButtonRect(const QRect& row)
{
    return {row.right() - Margin - MenuButtonWidth, row.top(), MenuButtonWidth, row.height()};
}

QRect RowDelegate::contentRect(const QRect& row)
{
    return row.adjusted(Margin, Margin, -(2 * Margin + MenuButtonWidth), -Margin);
}

QColor RowDelegate::textColor(const QStyleOptionViewItem& option, bool secondary)
{
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    QColor color = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    if (secondary) {
        color =
            PaletteColors::blend(color, option.palette.color(selected ? QPalette::Highlight : QPalette::Base), 0.35);
    }
    return color;
}

int RowDelegate::paintBadge(
    QPainter* painter, const QRect& rect, const QString& text, const QColor& color, const QFont& font)
{
    const QFontMetrics metrics(font);
    const int width = metrics.horizontalAdvance(text) + 12;
    const QRect badge(rect.left(), rect.center().y() - metrics.height() / 2 - 1, width, metrics.height() + 2);
    painter->save();
    painter->setPen(QPen(color, 1));
    QColor fill = color;
    fill.setAlphaF(0.15F);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), badge.height() / 2.0, badge.height() / 2.0);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
    return width;
}

QRect RowDelegate::paintIcon(QPainter* painter, const QModelIndex& index, const QRect& content)
{
    const QRect rect(content.left(), content.center().y() - IconSize / 2, IconSize, IconSize);
    index.data(Qt::DecorationRole).value<QIcon>().paint(painter, rect);
    return rect;
}

void RowDelegate::paintLine(
    QPainter* painter, const QRect& rect, const QString& text, const QFont& font, const QColor& color)
{
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(
        rect, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(font).elidedText(text, Qt::ElideRight, rect.width()));
}

void RowDelegate::paintDot(QPainter* painter, const QPoint& center, int diameter, const QColor& color)
{
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawEllipse(QRectF(center.x() - diameter / 2.0, center.y() - diameter / 2.0, diameter, diameter));
    painter->restore();
}

} // namespace Knot
