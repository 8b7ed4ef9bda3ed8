#include "ui/orphansdialog.h"

#include "ui/messagebox.h"
#include "ui/messagewidget.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Knot {

namespace {

enum Column
{
    KindColumn,
    NameColumn,
    IdColumn,
    CreatedColumn,
    SpaceColumn,
};

QString kindText(Orphan::Kind kind)
{
    return kind == Orphan::Kind::Container ? OrphansDialog::tr("Container") : OrphansDialog::tr("Volume");
}

} // namespace

OrphansDialog::OrphansDialog(AdoptCheck adoptCheck, QWidget* parent)
    : QDialog(parent)
    , m_adoptCheck(std::move(adoptCheck))
    , m_message(new MessageWidget(this))
    , m_list(new QTreeWidget(this))
    , m_adoptHint(new QLabel(this))
    , m_remove(new QPushButton(tr("Remove…"), this))
    , m_adopt(new QPushButton(tr("Adopt as Space"), this))
{
    setObjectName(QStringLiteral("orphansDialog"));
    setWindowTitle(tr("Containers and Volumes Without a Space"));
    m_message->setObjectName(QStringLiteral("orphansMessage"));

    auto* intro = new QLabel(tr("Knot Desktop labelled these objects in the engine, but no space owns them any more "
                                "(e.g. the database was replaced, or a delete was interrupted)."),
                             this);
    intro->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("orphanList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Kind"), tr("Name"), tr("ID"), tr("Created"), tr("Space ID")});
    m_list->setTextElideMode(Qt::ElideMiddle);
    // Names and volume ids can be long: the name column takes what is left, the rest fit their text.
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(IdColumn, QHeaderView::Interactive);
    m_list->header()->resizeSection(IdColumn,
                                    m_list->fontMetrics().horizontalAdvance(QStringLiteral("0123456789abcd")));

    m_adoptHint->setObjectName(QStringLiteral("adoptHint"));
    m_adoptHint->setWordWrap(true);
    m_adoptHint->setForegroundRole(QPalette::PlaceholderText);
    m_remove->setObjectName(QStringLiteral("removeOrphanButton"));
    m_adopt->setObjectName(QStringLiteral("adoptOrphanButton"));
    m_adopt->setToolTip(tr("Creates a Stopped space for this container, from the template it was started with"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_adopt, QDialogButtonBox::ActionRole);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_adoptHint);
    layout->addWidget(buttons);
    resize(960, 380);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &OrphansDialog::updateButtons);
    connect(m_remove, &QPushButton::clicked, this, &OrphansDialog::confirmRemove);
    connect(m_adopt, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row >= 0) {
            Q_EMIT adoptRequested(m_orphans[row]);
        }
    });
    updateButtons();
}

void OrphansDialog::setOrphans(const QList<Orphan>& orphans)
{
    const int row = selectedRow();
    const QString current = row >= 0 ? m_orphans[row].id : QString();
    m_orphans = orphans;
    m_list->clear();
    const QLocale locale;
    for (const Orphan& orphan : orphans) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(KindColumn, kindText(orphan.kind));
        item->setText(NameColumn, orphan.name);
        // Container ids are long: the short form reads like `docker ps`, the tooltip has it all.
        item->setText(IdColumn, orphan.kind == Orphan::Kind::Container ? orphan.id.left(12) : orphan.id);
        item->setToolTip(IdColumn, orphan.id);
        item->setText(CreatedColumn,
                      orphan.created.isValid() ? locale.toString(orphan.created.toLocalTime(), QLocale::ShortFormat)
                                               : tr("unknown"));
        item->setText(SpaceColumn, orphan.spaceId.isEmpty() ? tr("(none)") : orphan.spaceId);
    }
    if (orphans.isEmpty()) {
        m_message->showInfo(tr("Nothing left to clean up."));
    }
    selectOrphan(current);
    if (selectedRow() < 0 && !orphans.isEmpty()) {
        m_list->setCurrentItem(m_list->topLevelItem(std::min(row, int(orphans.size()) - 1)));
    }
    updateButtons();
}

void OrphansDialog::selectOrphan(const QString& id)
{
    for (int i = 0; i < m_orphans.size(); ++i) {
        if (m_orphans[i].id == id) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return;
        }
    }
}

int OrphansDialog::selectedRow() const
{
    return m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
}

void OrphansDialog::updateButtons()
{
    const int row = selectedRow();
    m_remove->setEnabled(row >= 0);
    if (row < 0) {
        m_adopt->setEnabled(false);
        m_adoptHint->clear();
        return;
    }
    const Orphan& orphan = m_orphans[row];
    QString problem;
    if (orphan.kind == Orphan::Kind::Volume) {
        problem = tr("Volumes are adopted together with their space's container; on their own they can only be "
                     "removed.");
    } else if (m_adoptCheck) {
        problem = m_adoptCheck(orphan);
    }
    m_adopt->setEnabled(problem.isEmpty());
    m_adoptHint->setText(problem.isEmpty() ? QString() : tr("Only Remove is possible: %1").arg(problem));
}

void OrphansDialog::confirmRemove()
{
    const int row = selectedRow();
    if (row < 0) {
        return;
    }
    const Orphan orphan = m_orphans[row];
    const QString text =
        orphan.kind == Orphan::Kind::Container
            ? tr("Remove container “%1” from the engine? It is stopped first if it runs.").arg(orphan.name)
            : tr("Remove volume “%1” and all the data in it? This cannot be undone.").arg(orphan.name);
    MessageBox::confirm(this, tr("Remove %1").arg(kindText(orphan.kind)), text, tr("Remove"), [this, orphan](bool yes) {
        if (yes) {
            Q_EMIT removeRequested(orphan);
        }
    });
}

} // namespace Knot
