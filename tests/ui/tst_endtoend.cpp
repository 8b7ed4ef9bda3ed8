#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "desktopharness.h"
#include "testutils.h"
#include "ui/mainwindow.h"
#include "ui/messagebox.h"
#include "ui/spacedialog.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"
#include "ui/templateeditordialog.h"
#include "ui/templatespage.h"
#include "ui/yamleditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace Knot;

// The whole life of a space through the real widgets the controller shows, against the Podman
// test engine: template editor → Create Space dialog → Running → Stop → Edit → Delete.
class TestEndToEnd : public QObject
{
    Q_OBJECT

private:
    template <typename T>
    static T* child(QObject* parent, const QString& name)
    {
        auto* object = parent->findChild<T*>(name);
        if (!object) {
            qFatal("no child %s", qPrintable(name));
        }
        return object;
    }

    // The visible dialog of type T the controller opened on the window (closed ones linger until
    // their deferred delete).
    template <typename T>
    static T* openDialog(QWidget* window)
    {
        for (T* dialog : window->findChildren<T*>()) {
            if (dialog->isVisible()) {
                return dialog;
            }
        }
        return nullptr;
    }

    static QAction* action(QMenu* menu, const char* name) { return menu->findChild<QAction*>(QLatin1String(name)); }

    static QString stateOf(SpaceListModel* model, const QString& id)
    {
        const int row = model->rowOf(id);
        return row < 0 ? QStringLiteral("(gone)")
                       : model->index(row).data(SpaceListModel::StateTextRole).toString() + u' '
                             + model->index(row).data(SpaceListModel::ErrorRole).toString();
    }

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void spaceLifeThroughTheWidgets()
    {
        DesktopHarness harness;
        QVERIFY2(harness.error().isEmpty(), qPrintable(harness.error()));
        harness.controller().start();
        MainWindow* window = harness.controller().window();
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(
            child<QListView>(window->spacesPage(), QStringLiteral("spacesView"))->model());
        QVERIFY(proxy);
        auto* spaceModel = qobject_cast<SpaceListModel*>(proxy->sourceModel());
        QVERIFY(spaceModel);

        // --- A template, through the editor.
        window->showPage(MainWindow::Page::Templates);
        child<QPushButton>(window, QStringLiteral("newTemplateButton"))->click();
        auto* editor = openDialog<TemplateEditorDialog>(window);
        QVERIFY(editor);
        QSignalSpy validated(editor, &TemplateEditorDialog::validated);
        const QString templateName = DesktopHarness::unique(QStringLiteral("e2e-template-"));
        child<QLineEdit>(editor, QStringLiteral("nameEdit"))->setText(templateName);
        child<QLineEdit>(editor, QStringLiteral("descriptionEdit"))->setText(QStringLiteral("End to end"));

        // Broken YAML: the core's line and column show in the editor, and Save stays disabled.
        auto* job = child<YamlEditor>(editor, QStringLiteral("jobEditor"));
        job->setPlainText(QStringLiteral("image: %1\ncommand: [sleep, \"3600\"\n").arg(harness.image()));
        QVERIFY(validated.wait());
        auto* jobErrors = child<QListWidget>(editor, QStringLiteral("jobErrors"));
        QVERIFY(jobErrors->count() > 0);
        QVERIFY2(jobErrors->item(0)->text().contains(QStringLiteral("line ")), qPrintable(jobErrors->item(0)->text()));
        QVERIFY2(jobErrors->item(0)->text().contains(QStringLiteral("column ")),
                 qPrintable(jobErrors->item(0)->text()));
        bool marked = false;
        for (int line = 1; line <= 3; ++line) {
            marked = marked || job->markerAt(line).has_value();
        }
        QVERIFY(marked);
        auto* save = child<QDialogButtonBox>(editor, QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled());

        // The custom field reaches the container through the command.
        job->setPlainText(
            QStringLiteral("image: %1\ncommand: [\"sh\", \"-c\", \"echo ${{ .custom.project }}; exec sleep 3600\"]\n")
                .arg(harness.image()));
        child<YamlEditor>(editor, QStringLiteral("volumesEditor"))
            ->setPlainText(QStringLiteral("volumes:\n  ${{ .space.id }}-data:\n"));
        child<QPushButton>(editor, QStringLiteral("addPortButton"))->click();
        auto* ports = child<QTableWidget>(editor, QStringLiteral("portsTable"));
        QCOMPARE(ports->rowCount(), 1);
        ports->item(0, 0)->setText(QStringLiteral("web"));
        qobject_cast<QSpinBox*>(ports->cellWidget(0, 1))->setValue(8080);
        child<QPushButton>(editor, QStringLiteral("addCustomFieldButton"))->click();
        auto* fields = child<QTableWidget>(editor, QStringLiteral("customFieldsTable"));
        fields->item(0, 0)->setText(QStringLiteral("project"));
        fields->item(0, 1)->setText(QStringLiteral("The project to work on"));
        QVERIFY(validated.wait());
        QVERIFY2(!editor->hasErrors(),
                 qPrintable(jobErrors->count() ? jobErrors->item(0)->text()
                                               : child<QLabel>(editor, QStringLiteral("fieldErrors"))->text()));
        QVERIFY(save->isEnabled());
        save->click();
        QTRY_VERIFY(!editor->isVisible());
        const auto stored = TemplateStore(harness.db()).getByName(templateName);
        QVERIFY_RESULT(stored);
        QCOMPARE(stored->ports.size(), 1);
        QCOMPARE(stored->customFields.first().name, QStringLiteral("project"));

        // --- A space from it, every field of the Create Space dialog filled.
        std::unique_ptr<QMenu> templateMenu(window->templatesPage()->createRowMenu(stored->id, window));
        QVERIFY(action(templateMenu.get(), "createSpaceAction"));
        action(templateMenu.get(), "createSpaceAction")->trigger();
        auto* create = openDialog<SpaceDialog>(window);
        QVERIFY(create);
        auto* ok = child<QPushButton>(create, QStringLiteral("okButton"));
        auto* nameEdit = child<QLineEdit>(create, QStringLiteral("nameEdit"));
        auto* nameError = child<QLabel>(create, QStringLiteral("nameError"));
        QTest::keyClicks(nameEdit, QStringLiteral("9-lives"));
        QVERIFY(nameError->isVisible());
        QVERIFY(!nameError->text().isEmpty());
        QVERIFY(!ok->isEnabled());

        const QString spaceName = DesktopHarness::unique(QStringLiteral("e2e-"));
        nameEdit->setText(spaceName);
        QVERIFY(!nameError->isVisible());
        child<QLineEdit>(create, QStringLiteral("descriptionEdit"))->setText(QStringLiteral("Made by the UI test"));
        child<QLineEdit>(create, QStringLiteral("iconEdit"))->setText(QStringLiteral(":/icons/knot-desktop.svg"));
        child<QToolButton>(create, QStringLiteral("addNameButton"))->click();
        child<QLineEdit>(create, QStringLiteral("additionalName_0"))->setText(spaceName + QStringLiteral("-web"));
        QCOMPARE(child<QComboBox>(create, QStringLiteral("additionalPort_0"))->currentData().toInt(), 8080);
        child<QComboBox>(create, QStringLiteral("shellCombo"))->setCurrentText(QStringLiteral("sh"));
        child<QLineEdit>(create, QStringLiteral("customField_project"))->setText(QStringLiteral("knot-e2e"));
        QVERIFY(child<QCheckBox>(create, QStringLiteral("startOnCreateCheck"))->isChecked());
        QVERIFY(ok->isEnabled());
        ok->click();
        QCOMPARE(window->currentPage(), MainWindow::Page::Spaces);

        // --- Running in the Spaces page.
        QString spaceId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto space = SpaceStore(harness.db()).getByName(spaceName);
                spaceId = space ? space->id : QString();
                return !spaceId.isEmpty();
            }(),
            DesktopHarness::EngineTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            stateOf(spaceModel, spaceId), QStringLiteral("Running "), DesktopHarness::EngineTimeoutMs);
        Space space = *spaceModel->spaceById(spaceId);
        QCOMPARE(space.description, QStringLiteral("Made by the UI test"));
        QCOMPARE(space.icon, QStringLiteral(":/icons/knot-desktop.svg"));
        QCOMPARE(space.shell, QStringLiteral("sh"));
        QCOMPARE(space.additionalNames, (QList<AdditionalName> {{spaceName + QStringLiteral("-web"), 8080}}));
        QCOMPARE(space.customFields.value(QStringLiteral("project")), QStringLiteral("knot-e2e"));
        QVERIFY(!space.containerId.isEmpty());
        const auto container = DesktopHarness::await(harness.client().inspectContainer(space.containerId));
        QVERIFY_RESULT(container);
        QVERIFY2(container->raw.value(QStringLiteral("Config"))
                     .toObject()
                     .value(QStringLiteral("Cmd"))
                     .toVariant()
                     .toStringList()
                     .join(u' ')
                     .contains(QStringLiteral("echo knot-e2e")),
                 "the custom field did not reach the command");
        QCOMPARE(space.volumeRecords.size(), 1);
        const QString volume = space.volumeRecords.first().name;
        QVERIFY(harness.volumeExists(volume));

        // --- Stop: the container goes, the volume stays.
        std::unique_ptr<QMenu> runningMenu(window->spacesPage()->createRowMenu(spaceId, window));
        QVERIFY(!action(runningMenu.get(), "deleteAction")->isEnabled());
        action(runningMenu.get(), "stopAction")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(
            stateOf(spaceModel, spaceId), QStringLiteral("Stopped "), DesktopHarness::EngineTimeoutMs);
        QVERIFY(!harness.containerExists(space.containerId));
        QVERIFY(harness.volumeExists(volume));

        // --- Edit: rename and describe; saved at once, in the list and the database.
        std::unique_ptr<QMenu> stoppedMenu(window->spacesPage()->createRowMenu(spaceId, window));
        action(stoppedMenu.get(), "editAction")->trigger();
        auto* edit = openDialog<SpaceDialog>(window);
        QVERIFY(edit);
        QCOMPARE(child<QLineEdit>(edit, QStringLiteral("nameEdit"))->text(), spaceName);
        const QString newName = spaceName + QStringLiteral("-renamed");
        child<QLineEdit>(edit, QStringLiteral("nameEdit"))->setText(newName);
        child<QLineEdit>(edit, QStringLiteral("descriptionEdit"))->setText(QStringLiteral("Renamed by the UI test"));
        child<QPushButton>(edit, QStringLiteral("okButton"))->click();
        const int row = spaceModel->rowOf(spaceId);
        QTRY_COMPARE_WITH_TIMEOUT(
            spaceModel->index(row).data(SpaceListModel::NameRole).toString(), newName, DesktopHarness::EngineTimeoutMs);
        QCOMPARE(spaceModel->index(row).data(SpaceListModel::DescriptionRole).toString(),
                 QStringLiteral("Renamed by the UI test"));
        const auto saved = SpaceStore(harness.db()).get(spaceId);
        QVERIFY_RESULT(saved);
        QCOMPARE(saved->name, newName);
        QCOMPARE(saved->description, QStringLiteral("Renamed by the UI test"));

        // --- Delete: the confirmation names the volume; accepted, the space and its volume go.
        std::unique_ptr<QMenu> deleteMenu(window->spacesPage()->createRowMenu(spaceId, window));
        QVERIFY(action(deleteMenu.get(), "deleteAction")->isEnabled());
        MessageBox::setNextAnswer(QMessageBox::Yes);
        action(deleteMenu.get(), "deleteAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(spaceModel->rowOf(spaceId) < 0, DesktopHarness::EngineTimeoutMs);
        QVERIFY2(MessageBox::lastText().contains(volume), qPrintable(MessageBox::lastText()));
        QVERIFY(!harness.volumeExists(volume));
        QVERIFY(!SpaceStore(harness.db()).get(spaceId));
        QVERIFY(!child<QPushButton>(window->spacesPage(), QStringLiteral("newSpaceButton"))->isHidden());
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
