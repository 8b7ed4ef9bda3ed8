#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "core/template/templatehash.h"
#include "desktopharness.h"
#include "testutils.h"
#include "ui/mainwindow.h"
#include "ui/messagebox.h"
#include "ui/messagewidget.h"
#include "ui/orphansdialog.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>

using namespace Knot;

// The orphans dialog on the real engine, reached the way the user gets there.
class TestOrphansDialog : public QObject
{
    Q_OBJECT

private:
    static QPushButton* button(QWidget* dialog, const char* name)
    {
        return dialog->findChild<QPushButton*>(QLatin1String(name));
    }

    static void select(OrphansDialog* dialog, const QString& id) { dialog->selectOrphan(id); }

private Q_SLOTS:
    void removeAndAdopt()
    {
        DesktopHarness harness;
        QVERIFY2(harness.error().isEmpty(), qPrintable(harness.error()));

        // Two labelled containers whose space the database does not know: one from a template
        // that is here (adoptable), one from nowhere (only removable), plus the first one's volume.
        Template tmpl;
        tmpl.name = DesktopHarness::unique(QStringLiteral("orphan-tmpl-"));
        tmpl.job = QStringLiteral("image: %1\ncommand: [sleep, \"3600\"]\n").arg(harness.image());
        const auto stored = TemplateStore(harness.db()).insert(tmpl);
        QVERIFY_RESULT(stored);
        const QString adoptSpace = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString strangerSpace = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString adoptName = DesktopHarness::unique(QStringLiteral("knot-adopt"));
        const auto adoptable = harness.createLabelledContainer(adoptName, adoptSpace, TemplateHash::compute(*stored));
        QVERIFY_RESULT(adoptable);
        const auto stranger =
            harness.createLabelledContainer(DesktopHarness::unique(QStringLiteral("stranger")), strangerSpace);
        QVERIFY_RESULT(stranger);
        const QString volume = adoptSpace + QStringLiteral("-home");
        QVERIFY_RESULT(DesktopHarness::await(harness.client().createVolume(
            volume, {{SpaceLabels::Instance, harness.service().instanceId()}, {SpaceLabels::SpaceId, adoptSpace}})));

        // Launch: reconciliation finds them and says so without a modal dialog.
        auto& controller = harness.controller();
        controller.start();
        auto* notice = controller.window()->spacesPage()->messageWidget();
        QTRY_VERIFY_WITH_TIMEOUT(controller.orphans().size() == 3, DesktopHarness::EngineTimeoutMs);
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->type(), MessageWidget::Type::Warning);
        QVERIFY2(notice->text().contains(QStringLiteral("3 container(s) or volume(s)")), qPrintable(notice->text()));

        // The File menu entry opens the dialog, listing kind, name, id, created and space id.
        auto* action = controller.window()->findChild<QAction*>(QStringLiteral("orphansAction"));
        QVERIFY(action);
        action->trigger();
        auto* dialog = controller.window()->findChild<OrphansDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        auto* list = dialog->findChild<QTreeWidget*>(QStringLiteral("orphanList"));
        QCOMPARE(list->topLevelItemCount(), 3);
        QList<QTreeWidgetItem*> strangerRows = list->findItems(strangerSpace, Qt::MatchExactly, 4);
        QCOMPARE(strangerRows.size(), 1);
        QCOMPARE(strangerRows.first()->text(0), QStringLiteral("Container"));
        QCOMPARE(strangerRows.first()->toolTip(2), *stranger);
        QVERIFY(strangerRows.first()->text(3) != QStringLiteral("unknown")); // the created date is known

        // The stranger can only be removed, and the dialog says why.
        select(dialog, *stranger);
        QVERIFY(!button(dialog, "adoptOrphanButton")->isEnabled());
        QVERIFY(
            dialog->findChild<QLabel*>(QStringLiteral("adoptHint"))->text().contains(QStringLiteral("Only Remove")));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        button(dialog, "removeOrphanButton")->click();
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Remove container")));
        QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 2, DesktopHarness::EngineTimeoutMs);
        QVERIFY(!harness.containerExists(*stranger));

        // A container from a known template becomes a Stopped space, its volume with it.
        select(dialog, *adoptable);
        QVERIFY(button(dialog, "adoptOrphanButton")->isEnabled());
        button(dialog, "adoptOrphanButton")->click();
        QCOMPARE(list->topLevelItemCount(), 0);
        const auto space = harness.service().get(adoptSpace);
        QVERIFY_RESULT(space);
        QCOMPARE(space->name, adoptName.mid(5));
        QCOMPARE(space->templateId, stored->id);
        QCOMPARE(space->state, SpaceState::Stopped);
        QCOMPARE(space->volumeRecords.size(), 1);
        QCOMPARE(space->volumeRecords.first().name, volume);
        QVERIFY(controller.orphans().isEmpty());

        // Deleting the adopted space removes what it adopted from the engine.
        QVERIFY_RESULT(DesktopHarness::await(harness.service().remove(adoptSpace)));
        QVERIFY(!harness.containerExists(*adoptable));
        QVERIFY(!harness.volumeExists(volume));
    }
};

QTEST_MAIN(TestOrphansDialog)
#include "tst_orphansdialog.moc"
