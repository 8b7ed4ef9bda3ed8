#pragma once

#include "core/space/reconciler.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Knot {

class MessageWidget;

// What reconciliation found in the engines that belongs to no space (labelled containers and
// volumes): the user removes them (after a confirmation) or adopts a container as a Stopped
// space when a template matches it. Non-modal; it only signals intent, the caller does the work
// and hands back the new list with setOrphans().
class OrphansDialog : public QDialog
{
    Q_OBJECT

public:
    // Why an orphan cannot be adopted (empty: it can).
    using AdoptCheck = std::function<QString(const Orphan& orphan)>;

    explicit OrphansDialog(AdoptCheck adoptCheck, QWidget* parent = nullptr);

    void setOrphans(const QList<Orphan>& orphans);
    QList<Orphan> orphans() const { return m_orphans; }
    MessageWidget* messageWidget() const { return m_message; }
    // Selects the row of the orphan with this id (container id or volume name).
    void selectOrphan(const QString& id);

Q_SIGNALS:
    // Emitted after the user confirmed.
    void removeRequested(const Knot::Orphan& orphan);
    void adoptRequested(const Knot::Orphan& orphan);

private:
    int selectedRow() const;
    void updateButtons();
    void confirmRemove();

    AdoptCheck m_adoptCheck;
    QList<Orphan> m_orphans;
    MessageWidget* m_message;
    QTreeWidget* m_list;
    QLabel* m_adoptHint;
    QPushButton* m_remove;
    QPushButton* m_adopt;
};

} // namespace Knot
