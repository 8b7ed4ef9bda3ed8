#pragma once

#include <QStyledItemDelegate>

namespace Knot {

// Base of the page delegates: a tall row with the style's item background and a three-dots
// button at its right end that asks for the row menu. Subclasses paint the content.
class RowDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RowDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event,
                     QAbstractItemModel* model,
                     const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;
    bool helpEvent(QHelpEvent* event,
                   QAbstractItemView* view,
                   const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    static QRect menuButtonRect(const QRect& row);

Q_SIGNALS:
    // The three-dots button was clicked; `globalPos` is where the menu should open.
    void menuRequested(const QModelIndex& index, const QPoint& globalPos);

protected:
    static constexpr int Margin = 8;
    static constexpr int IconSize = 32;

    // `content` excludes the margins and the menu button.
    virtual void paintContent(QPainter* painter,
                              const QStyleOptionViewItem& option,
                              const QModelIndex& index,
                              const QRect& content) const = 0;
    virtual int lineCount() const { return 2; }
    // Clicks inside the content; return true when handled.
    virtual bool contentClicked(const QStyleOptionViewItem&, const QModelIndex&, const QPoint&) { return false; }
    // Tooltip for a point inside the content; empty for the model's tooltip.
    virtual QString contentToolTip(const QStyleOptionViewItem&, const QModelIndex&, const QPoint&) const { return {}; }

    static QRect contentRect(const QRect& row);
    static QColor textColor(const QStyleOptionViewItem& option, bool secondary = false);
    // A rounded badge with `text`; returns its width.
    static int
    paintBadge(QPainter* painter, const QRect& rect, const QString& text, const QColor& color, const QFont& font);
    // The row's decoration at the left of `content`, vertically centred; returns where it went.
    static QRect paintIcon(QPainter* painter, const QModelIndex& index, const QRect& content);
    // Line `line` (0-based) of a text block starting at the top of `text`.
    static QRect lineRect(const QRect& text, int line, int lineHeight)
    {
        return {text.left(), text.top() + line * (lineHeight + 2), text.width(), lineHeight};
    }
    // One line of text, elided at the right to fit `rect`.
    static void
    paintLine(QPainter* painter, const QRect& rect, const QString& text, const QFont& font, const QColor& color);
    static void paintDot(QPainter* painter, const QPoint& center, int diameter, const QColor& color);
};

} // namespace Knot
