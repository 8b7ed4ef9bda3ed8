#include "sampledata.h"
#include "ui/messagebox.h"
#include "ui/templateeditordialog.h"
#include "ui/yamleditor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace Knot;

namespace {

// A small stand-in for the core's validator: flags every job line containing "imgae".
TemplateEditorDialog::Validation testValidator(const Template& tmpl)
{
    TemplateEditorDialog::Validation validation;
    const QStringList lines = tmpl.job.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const int column = static_cast<int>(lines[i].indexOf(QStringLiteral("imgae")));
        if (column >= 0) {
            validation.job.append({Diagnostic::Severity::Error,
                                   i + 1,
                                   column + 1,
                                   QStringLiteral("imgae"),
                                   QStringLiteral("unknown field \"imgae\"")});
        }
    }
    if (tmpl.volumes.contains(QStringLiteral("paths: /"))) {
        validation.volumes.append(
            {Diagnostic::Severity::Warning, 1, 1, QStringLiteral("paths"), QStringLiteral("paths must be a list")});
    }
    return validation;
}

} // namespace

class TestTemplateEditorDialog : public QObject
{
    Q_OBJECT

private:
    template <typename T>
    static T* child(QWidget* parent, const char* name)
    {
        auto* widget = parent->findChild<T*>(QLatin1String(name));
        if (!widget) {
            qFatal("no child %s", name);
        }
        return widget;
    }

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void yamlErrorShowsMarkerAndMessage()
    {
        TemplateEditorDialog dialog(SampleData::goTemplate(), testValidator);
        dialog.show();
        auto* save = child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Save);
        auto* editor = child<YamlEditor>(&dialog, "jobEditor");
        auto* errors = child<QListWidget>(&dialog, "jobErrors");
        QVERIFY(save->isEnabled());
        QVERIFY(!editor->markerAt(1));

        QSignalSpy validated(&dialog, &TemplateEditorDialog::validated);
        editor->setPlainText(QStringLiteral("container_name: dev\nimgae: busybox\n"));
        QVERIFY(validated.wait()); // debounced, after the pause in typing
        QVERIFY(editor->markerAt(2).has_value());
        QCOMPARE(editor->markerAt(2)->column, 1);
        QCOMPARE(errors->count(), 1);
        QVERIFY(errors->item(0)->text().contains(QStringLiteral("line 2, column 1")));
        QVERIFY(errors->item(0)->text().contains(QStringLiteral("unknown field \"imgae\"")));
        QVERIFY(!save->isEnabled());
        QCOMPARE(child<QTabWidget>(&dialog, "editorTabs")->tabText(1), QStringLiteral("Container (1)"));

        // Clicking the message moves the cursor to its line.
        editor->moveCursor(QTextCursor::Start);
        const QRect rect = errors->visualItemRect(errors->item(0));
        QTest::mouseClick(errors->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(editor->textCursor().blockNumber(), 1);

        editor->setPlainText(QStringLiteral("container_name: dev\nimage: busybox\n"));
        QVERIFY(validated.wait());
        QVERIFY(!editor->markerAt(2));
        QCOMPARE(errors->count(), 0);
        QVERIFY(save->isEnabled());
    }

    void warningsDoNotBlockSaving()
    {
        TemplateEditorDialog dialog(SampleData::goTemplate(), testValidator);
        QSignalSpy validated(&dialog, &TemplateEditorDialog::validated);
        child<YamlEditor>(&dialog, "volumesEditor")->setPlainText(QStringLiteral("paths: /\n"));
        QVERIFY(validated.wait());
        QVERIFY(child<YamlEditor>(&dialog, "volumesEditor")->markerAt(1).has_value());
        QVERIFY(!dialog.hasErrors());
    }

    void nameIsRequiredAndFieldsRoundTrip()
    {
        TemplateEditorDialog dialog(SampleData::goTemplate(), testValidator);
        QVERIFY(!dialog.isModified());
        QCOMPARE(dialog.editedTemplate(), SampleData::goTemplate());

        QSignalSpy validated(&dialog, &TemplateEditorDialog::validated);
        child<QLineEdit>(&dialog, "nameEdit")->clear();
        QVERIFY(validated.wait());
        QVERIFY(!child<QLabel>(&dialog, "nameError")->text().isEmpty());
        QVERIFY(dialog.hasErrors());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not accepted while errors exist

        child<QLineEdit>(&dialog, "nameEdit")->setText(QStringLiteral("Go 2"));
        child<QPushButton>(&dialog, "addCustomFieldButton")->click();
        QVERIFY(dialog.isModified());
        const Template edited = dialog.editedTemplate();
        QCOMPARE(edited.name, QStringLiteral("Go 2"));
        QCOMPARE(edited.customFields.size(), 3);
        QCOMPARE(edited.ports, SampleData::goTemplate().ports);
        QCOMPARE(edited.vnc, SampleData::goTemplate().vnc);
        QCOMPARE(edited.id, SampleData::goTemplate().id);
    }

    void unsavedChangesGuard()
    {
        TemplateEditorDialog dialog(SampleData::goTemplate(), testValidator);
        dialog.show();
        child<QLineEdit>(&dialog, "descriptionEdit")->setText(QStringLiteral("changed"));

        MessageBox::setNextAnswer(QMessageBox::Cancel);
        dialog.reject();
        QTest::qWait(20);
        QVERIFY(dialog.isVisible());
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("unsaved changes")));

        MessageBox::setNextAnswer(QMessageBox::Discard);
        dialog.reject();
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestTemplateEditorDialog)
#include "tst_templateeditordialog.moc"
