#include "core/template/spacenamevalidator.h"
#include "sampledata.h"
#include "ui/spacedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace Knot;

class TestSpaceDialog : public QObject
{
    Q_OBJECT

private:
    static SpaceDialog::Options createOptions()
    {
        SpaceDialog::Options options;
        options.tmpl = SampleData::goTemplate();
        options.takenNames = {QStringLiteral("Taken-Name"), QStringLiteral("other-web")};
        options.defaultShell = QStringLiteral("zsh");
        options.validator = [](const QString& name) {
            const auto result = SpaceNameValidator::checkFormat(name);
            return result ? QString() : result.error().message;
        };
        return options;
    }

    template <typename T>
    static T* child(QWidget* parent, const QString& name)
    {
        auto* widget = parent->findChild<T*>(name);
        if (!widget) {
            qFatal("no child %s", qPrintable(name));
        }
        return widget;
    }

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void invalidNameShowsErrorNextToField()
    {
        SpaceDialog dialog(createOptions());
        dialog.show();
        auto* ok = child<QPushButton>(&dialog, QStringLiteral("okButton"));
        auto* error = child<QLabel>(&dialog, QStringLiteral("nameError"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(!error->isVisible()); // a fresh dialog does not scold

        QTest::keyClicks(child<QLineEdit>(&dialog, QStringLiteral("nameEdit")), QStringLiteral("9lives"));
        QVERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        QVERIFY(!ok->isEnabled());

        child<QLineEdit>(&dialog, QStringLiteral("nameEdit"))->setText(QStringLiteral("taken-name"));
        QVERIFY(error->text().contains(QStringLiteral("already used")));

        child<QLineEdit>(&dialog, QStringLiteral("nameEdit"))->setText(QStringLiteral("api-server"));
        QVERIFY(!error->isVisible());
        QVERIFY(ok->isEnabled());
    }

    void validInputProducesTheSpace()
    {
        SpaceDialog dialog(createOptions());
        dialog.show();
        QCOMPARE(child<QComboBox>(&dialog, QStringLiteral("shellCombo"))->currentText(), QStringLiteral("zsh"));
        QVERIFY(child<QCheckBox>(&dialog, QStringLiteral("startOnCreateCheck"))->isChecked());
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("customField_repo"))->placeholderText(),
                 QStringLiteral("Git repository to clone on first boot"));

        child<QLineEdit>(&dialog, QStringLiteral("nameEdit"))->setText(QStringLiteral("api-server"));
        child<QLineEdit>(&dialog, QStringLiteral("descriptionEdit"))->setText(QStringLiteral("Backend"));
        child<QLineEdit>(&dialog, QStringLiteral("iconEdit"))->setText(QStringLiteral(":/icons/knot-desktop.svg"));
        child<QComboBox>(&dialog, QStringLiteral("shellCombo"))->setCurrentText(QStringLiteral("fish"));
        child<QLineEdit>(&dialog, QStringLiteral("customField_repo"))
            ->setText(QStringLiteral("https://example.org/api.git"));

        // Additional names: only the template's HTTP(S) ports are offered.
        child<QToolButton>(&dialog, QStringLiteral("addNameButton"))->click();
        auto* port = child<QComboBox>(&dialog, QStringLiteral("additionalPort_0"));
        QCOMPARE(port->count(), 2); // web (http) and docs (https), not db (tcp)
        auto* okButton = child<QPushButton>(&dialog, QStringLiteral("okButton"));
        QVERIFY(!okButton->isEnabled()); // empty additional name
        child<QLineEdit>(&dialog, QStringLiteral("additionalName_0"))->setText(QStringLiteral("API-server"));
        QVERIFY(
            child<QLabel>(&dialog, QStringLiteral("additionalNameError_0"))->text().contains(QStringLiteral("twice")));
        child<QLineEdit>(&dialog, QStringLiteral("additionalName_0"))->setText(QStringLiteral("api-docs"));
        port->setCurrentIndex(1);
        child<QToolButton>(&dialog, QStringLiteral("addNameButton"))->click();
        child<QLineEdit>(&dialog, QStringLiteral("additionalName_1"))->setText(QStringLiteral("other-web"));
        QVERIFY(!okButton->isEnabled());
        child<QToolButton>(&dialog, QStringLiteral("removeName_1"))->click();
        QVERIFY(okButton->isEnabled());
        child<QCheckBox>(&dialog, QStringLiteral("startOnCreateCheck"))->setChecked(false);

        okButton->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const Space space = dialog.space();
        QVERIFY(space.id.isEmpty());
        QCOMPARE(space.templateId, SampleData::goTemplate().id);
        QCOMPARE(space.name, QStringLiteral("api-server"));
        QCOMPARE(space.description, QStringLiteral("Backend"));
        QCOMPARE(space.icon, QStringLiteral(":/icons/knot-desktop.svg"));
        QCOMPARE(space.shell, QStringLiteral("fish"));
        QCOMPARE(space.additionalNames, (QList<AdditionalName> {{QStringLiteral("api-docs"), 6060}}));
        QCOMPARE(space.customFields.value(QStringLiteral("repo")), QStringLiteral("https://example.org/api.git"));
        QCOMPARE(space.customFields.value(QStringLiteral("branch")), QString());
        QVERIFY(!dialog.startOnCreate());
    }

    void editModeKeepsTheSpace()
    {
        SpaceDialog::Options options = createOptions();
        options.mode = SpaceDialog::Mode::Edit;
        options.space = SampleData::spaces().first();
        options.space.additionalNames = {{QStringLiteral("api-web"), 8080}};
        options.takenNames.append({options.space.name, QStringLiteral("api-web")}); // own names are not taken
        SpaceDialog dialog(options);
        QVERIFY(!dialog.findChild<QCheckBox*>(QStringLiteral("startOnCreateCheck")));
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("nameEdit"))->text(), options.space.name);
        QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("additionalName_0"))->text(), QStringLiteral("api-web"));
        QVERIFY(!dialog.hasErrors());
        child<QLineEdit>(&dialog, QStringLiteral("descriptionEdit"))->setText(QStringLiteral("changed"));
        const Space space = dialog.space();
        QCOMPARE(space.id, options.space.id);
        QCOMPARE(space.state, options.space.state);
        QCOMPARE(space.description, QStringLiteral("changed"));
        QCOMPARE(space.additionalNames, options.space.additionalNames);
    }

    void manualTemplateHasNoStartOption()
    {
        SpaceDialog::Options options = createOptions();
        options.tmpl = SampleData::manualTemplate();
        SpaceDialog dialog(options);
        QVERIFY(!dialog.findChild<QCheckBox*>(QStringLiteral("startOnCreateCheck")));
        QVERIFY(!child<QToolButton>(&dialog, QStringLiteral("addNameButton"))->isEnabled());
        QVERIFY(!dialog.startOnCreate());
    }
};

QTEST_MAIN(TestSpaceDialog)
#include "tst_spacedialog.moc"
