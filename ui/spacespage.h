#pragma once

#include "ui/listpage.h"
#include "ui/serviceicon.h"

class QComboBox;
class QTimer;

namespace Knot {

class SpaceFilterModel;
class SpaceItemDelegate;
class SpaceListModel;

// The Spaces page: the live space list (fed by SpaceListModel), its row menu, service icons and
// filters. It only signals intent; results and errors come back through the model and messageWidget().
class SpacesPage : public ListPage
{
    Q_OBJECT

public:
    explicit SpacesPage(SpaceListModel* model, QWidget* parent = nullptr);

    SpaceItemDelegate* delegate() const { return m_delegate; }
    QString currentSpaceId() const { return currentId(); }
    void selectSpace(const QString& id);
    QMenu* createRowMenu(const QString& id, QWidget* parent) override;

Q_SIGNALS:
    void startRequested(const QString& spaceId);
    void stopRequested(const QString& spaceId);
    void restartRequested(const QString& spaceId);
    void editRequested(const QString& spaceId);
    // Emitted after the user confirmed that the space's volumes and their data go too.
    void deleteRequested(const QString& spaceId);
    void serviceRequested(const QString& spaceId, Knot::ServiceIcon service);
    void newSpaceRequested();

private:
    SpacesPage(SpaceListModel* model, SpaceFilterModel* filterModel, SpaceItemDelegate* delegate, QWidget* parent);
    void confirmDelete(const QString& id);

    SpaceListModel* m_model;
    SpaceFilterModel* m_filterModel;
    SpaceItemDelegate* m_delegate;
    QComboBox* m_stateFilter;
    QTimer* m_uptimeTimer;
};

} // namespace Knot
