#pragma once

#include <QWidget>

class QAbstractItemModel;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QSortFilterProxyModel;

namespace Knot {

class MessageWidget;
class RowDelegate;

// What the Spaces and Templates pages share: a header (title, filter, buttons), the message bar,
// a list view over a filter proxy with a row delegate, an empty-state text and the row menu plumbing.
class ListPage : public QWidget
{
    Q_OBJECT

public:
    MessageWidget* messageWidget() const { return m_message; }
    // The id (idRole) of the selected row; empty when nothing is selected.
    QString currentId() const;
    // Selects the row whose source row is `sourceRow`.
    void selectSourceRow(int sourceRow);
    void focusFilter();
    // The row menu for item `id` (caller owns it). Public so tests can drive the actions.
    virtual QMenu* createRowMenu(const QString& id, QWidget* parent) = 0;

protected:
    struct Setup
    {
        QString name; // object name prefix: "spaces" gives spacesPage, spacesView, spacesFilter, …
        QString title;
        QString filterPlaceholder;
        QString emptyText;
        int idRole = 0;
    };

    ListPage(const Setup& setup,
             QAbstractItemModel* model,
             QSortFilterProxyModel* proxy,
             RowDelegate* delegate,
             QWidget* parent);

    void addHeaderWidget(QWidget* widget);
    QLineEdit* filter() const { return m_filter; }
    QListView* view() const { return m_view; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }

private:
    void showRowMenu(const QModelIndex& index, const QPoint& globalPos);
    void updateEmptyState();

    QAbstractItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    int m_idRole;
    MessageWidget* m_message;
    QHBoxLayout* m_header;
    QLineEdit* m_filter;
    QListView* m_view;
    QLabel* m_empty;
};

} // namespace Knot
