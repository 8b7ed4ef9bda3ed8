#pragma once

#include "ui/rowdelegate.h"

namespace Knot {

// Paints a template row: icon, name, description, engine badge and the number of spaces.
class TemplateItemDelegate : public RowDelegate
{
    Q_OBJECT

public:
    using RowDelegate::RowDelegate;

protected:
    void paintContent(QPainter* painter,
                      const QStyleOptionViewItem& option,
                      const QModelIndex& index,
                      const QRect& content) const override;
};

} // namespace Knot
