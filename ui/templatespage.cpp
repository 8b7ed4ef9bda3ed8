#include "ui/templatespage.h"

#include "ui/messagebox.h"
#include "ui/messagewidget.h"
#include "ui/templateitemdelegate.h"
#include "ui/templatelistmodel.h"

#include <QFileDialog>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>

namespace Knot {

namespace {
const QString YamlFilter = QStringLiteral("Knot templates (*.yaml *.yml);;All files (*)");
}

TemplatesPage::TemplatesPage(TemplateListModel* model, QWidget* parent)
    : ListPage({QStringLiteral("templates"),
                tr("Templates"),
                tr("Filter templates"),
                tr("No templates yet.\nImport a knot template file or create a new template."),
                TemplateListModel::IdRole},
               model,
               new QSortFilterProxyModel,
               new TemplateItemDelegate,
               parent)
    , m_model(model)
{
    auto* newButton = new QPushButton(QIcon::fromTheme(QStringLiteral("document-new")), tr("New Template"), this);
    newButton->setObjectName(QStringLiteral("newTemplateButton"));
    auto* importButton = new QPushButton(QIcon::fromTheme(QStringLiteral("document-import")), tr("Import…"), this);
    importButton->setObjectName(QStringLiteral("importButton"));
    importButton->setToolTip(tr("Import knot template files (Ctrl+I)"));
    addHeaderWidget(newButton);
    addHeaderWidget(importButton);

    proxy()->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy()->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy()->setSortLocaleAware(true);
    proxy()->sort(0);

    connect(filter(), &QLineEdit::textChanged, proxy(), &QSortFilterProxyModel::setFilterFixedString);
    connect(newButton, &QPushButton::clicked, this, &TemplatesPage::newTemplateRequested);
    connect(importButton, &QPushButton::clicked, this, &TemplatesPage::chooseImportFiles);
    connect(view(), &QListView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT editRequested(index.data(TemplateListModel::IdRole).toString());
    });
}

void TemplatesPage::selectTemplate(const QString& id)
{
    selectSourceRow(m_model->rowOf(id));
}

void TemplatesPage::requestCreateSpace()
{
    const QString id = currentTemplateId();
    if (id.isEmpty()) {
        messageWidget()->showInfo(m_model->rowCount() == 0
                                      ? tr("Import or create a template first, then create a space from it.")
                                      : tr("Select a template to create a space from."));
        return;
    }
    Q_EMIT createSpaceRequested(id);
}

void TemplatesPage::chooseImportFiles()
{
    auto* dialog = new QFileDialog(this, tr("Import Templates"), QString(), YamlFilter);
    dialog->setObjectName(QStringLiteral("importFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, &TemplatesPage::importRequested);
    dialog->open();
}

QMenu* TemplatesPage::createRowMenu(const QString& id, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("templateMenu"));
    menu->setToolTipsVisible(true);
    const auto tmpl = m_model->templateById(id);
    if (!tmpl) {
        return menu;
    }

    auto add = [this, menu, &id](const char* objectName, const QString& text, auto signal) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QLatin1String(objectName));
        connect(action, &QAction::triggered, this, [this, id, signal] { (this->*signal)(id); });
        return action;
    };
    add("createSpaceAction", tr("Create Space"), &TemplatesPage::createSpaceRequested);
    add("editAction", tr("Edit"), &TemplatesPage::editRequested);
    add("duplicateAction", tr("Duplicate"), &TemplatesPage::duplicateRequested);
    add("exportAction", tr("Export…"), &TemplatesPage::chooseExportFile);
    menu->addSeparator();
    QAction* remove = add("deleteAction", tr("Delete"), &TemplatesPage::confirmDelete);
    const int spaces = m_model->spaceCount(id);
    if (spaces > 0) {
        remove->setEnabled(false);
        remove->setToolTip(spaces == 1 ? tr("A space uses this template; delete it first.")
                                       : tr("%1 spaces use this template; delete them first.").arg(spaces));
    }
    return menu;
}

void TemplatesPage::chooseExportFile(const QString& id)
{
    const auto tmpl = m_model->templateById(id);
    if (!tmpl) {
        return;
    }
    auto* dialog = new QFileDialog(this, tr("Export Template"), tmpl->name + QStringLiteral(".yaml"), YamlFilter);
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("yaml"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, id](const QString& path) {
        Q_EMIT exportRequested(id, path);
    });
    dialog->open();
}

void TemplatesPage::confirmDelete(const QString& id)
{
    const auto tmpl = m_model->templateById(id);
    if (!tmpl) {
        return;
    }
    MessageBox::confirm(this,
                        tr("Delete Template"),
                        tr("Delete the template “%1”? This cannot be undone.").arg(tmpl->name),
                        tr("Delete"),
                        [this, id](bool accepted) {
                            if (accepted) {
                                Q_EMIT deleteRequested(id);
                            }
                        });
}

} // namespace Knot
