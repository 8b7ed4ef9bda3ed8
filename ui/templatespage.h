#pragma once

#include "ui/listpage.h"

namespace Knot {

class TemplateListModel;

// The Templates page: the template list with its row menu, import and a filter. It only signals
// intent; the composition root performs the operations and reports back through messageWidget().
class TemplatesPage : public ListPage
{
    Q_OBJECT

public:
    explicit TemplatesPage(TemplateListModel* model, QWidget* parent = nullptr);

    QString currentTemplateId() const { return currentId(); }
    void selectTemplate(const QString& id);
    // Ctrl+N: create a space from the selected template, or explain how.
    void requestCreateSpace();
    // Opens a non-modal file dialog; importRequested follows when files are chosen.
    void chooseImportFiles();
    QMenu* createRowMenu(const QString& id, QWidget* parent) override;

Q_SIGNALS:
    void createSpaceRequested(const QString& templateId);
    void editRequested(const QString& templateId);
    void duplicateRequested(const QString& templateId);
    void exportRequested(const QString& templateId, const QString& path);
    void deleteRequested(const QString& templateId);
    void importRequested(const QStringList& paths);
    void newTemplateRequested();

private:
    void chooseExportFile(const QString& id);
    void confirmDelete(const QString& id);

    TemplateListModel* m_model;
};

} // namespace Knot
