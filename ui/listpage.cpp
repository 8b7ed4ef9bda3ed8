#include "ui/listpage.h"

#include "ui/messagewidget.h"
#include "ui/rowdelegate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace Knot {

ListPage::ListPage(
    const Setup& setup, QAbstractItemModel* model, QSortFilterProxyModel* proxy, RowDelegate* delegate, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_idRole(setup.idRole)
    , m_message(new MessageWidget(this))
    , m_header(new QHBoxLayout)
    , m_filter(new QLineEdit(this))
    , m_view(new QListView(this))
    , m_empty(new QLabel(setup.emptyText, this))
{
    setObjectName(setup.name + QStringLiteral("Page"));
    m_message->setObjectName(setup.name + QStringLiteral("Message"));

    auto* title = new QLabel(setup.title, this);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);
    m_filter->setObjectName(setup.name + QStringLiteral("Filter"));
    m_filter->setPlaceholderText(setup.filterPlaceholder);
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(320);
    m_header->setContentsMargins(0, 0, 0, 0);
    m_header->addWidget(title);
    m_header->addStretch(1);
    m_header->addWidget(m_filter, 1);

    m_proxy->setParent(this);
    m_proxy->setSourceModel(m_model);
    delegate->setParent(this);
    m_view->setObjectName(setup.name + QStringLiteral("View"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(delegate);
    m_view->setUniformItemSizes(true);
    m_view->setMouseTracking(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    m_empty->setObjectName(setup.name + QStringLiteral("EmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_header);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);

    connect(delegate, &RowDelegate::menuRequested, this, &ListPage::showRowMenu);
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (index.isValid()) {
            showRowMenu(index, m_view->viewport()->mapToGlobal(pos));
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ListPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ListPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ListPage::updateEmptyState);
    updateEmptyState();
}

QString ListPage::currentId() const
{
    return m_view->currentIndex().data(m_idRole).toString();
}

void ListPage::selectSourceRow(int sourceRow)
{
    if (sourceRow >= 0) {
        m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(sourceRow, 0)));
    }
}

void ListPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ListPage::addHeaderWidget(QWidget* widget)
{
    m_header->addWidget(widget);
}

void ListPage::showRowMenu(const QModelIndex& index, const QPoint& globalPos)
{
    m_view->setCurrentIndex(index);
    QMenu* menu = createRowMenu(index.data(m_idRole).toString(), this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

void ListPage::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_view->setVisible(!empty);
    m_empty->setVisible(empty);
}

} // namespace Knot
