#include "sampledata.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"
#include "ui/spacedialog.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"
#include "ui/templateeditordialog.h"
#include "ui/templatelistmodel.h"
#include "ui/templatespage.h"
#include "ui/yamleditor.h"

#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Knot;

// Renders every page and dialog with sample data to ${KNOT_BINARY_DIR}/screenshots/*.png so people
// (and reviewers) can look at them; the test checks each image was written and is not blank.
class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_out;

    void save(QWidget* widget, const QString& name)
    {
        widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(widget));
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        // Not blank: more than one colour in the picture.
        const QRgb first = image.pixel(0, 0);
        bool varied = false;
        for (int y = 0; y < image.height() && !varied; y += 7) {
            for (int x = 0; x < image.width() && !varied; x += 7) {
                varied = image.pixel(x, y) != first;
            }
        }
        QVERIFY2(varied, qPrintable(name));
        const QString path = m_out + u'/' + name + QStringLiteral(".png");
        QVERIFY2(image.save(path), qPrintable(path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        Q_INIT_RESOURCE(knot);
        m_out = QStringLiteral(KNOT_BINARY_DIR) + QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(m_out));
    }

    void mainWindowPages()
    {
        QSettings qsettings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        AppSettings settings(&qsettings);
        SpaceListModel spaces;
        TemplateListModel templates;
        templates.setTemplates(SampleData::templates(), SampleData::spaceCounts());
        spaces.setSpaces(SampleData::spaces());
        spaces.setTemplates(SampleData::templates(), SampleData::hashes());
        spaces.setPullProgress(QStringLiteral("s2"), 42, QStringLiteral("Pulling golang:1.22 — 120 MB of 290 MB"));

        MainWindow window(&settings, &spaces, &templates);
        window.resize(1100, 640);
        window.setEngineStatus(QStringLiteral("Podman"), MainWindow::EngineHealth::Connected);
        window.showPage(MainWindow::Page::Spaces);
        save(&window, QStringLiteral("spaces-page"));
        window.showPage(MainWindow::Page::Templates);
        save(&window, QStringLiteral("templates-page"));

        spaces.setSpaces({});
        templates.setTemplates({}, {});
        window.setEngineStatus(QStringLiteral("Docker"), MainWindow::EngineHealth::Unreachable);
        save(&window, QStringLiteral("templates-page-empty"));
        window.showPage(MainWindow::Page::Spaces);
        save(&window, QStringLiteral("spaces-page-empty"));
    }

    void settingsDialog()
    {
        QSettings qsettings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        AppSettings settings(&qsettings);
        EngineRecord podman {QStringLiteral("e1"),
                             QStringLiteral("Local Podman"),
                             QStringLiteral("unix:///run/user/1000/podman/podman.sock"),
                             EngineRecord::Kind::Podman,
                             true};
        EngineRecord docker {QStringLiteral("e2"),
                             QStringLiteral("Build host"),
                             QStringLiteral("tcp://10.0.0.5:2375"),
                             EngineRecord::Kind::Docker,
                             false};
        SettingsDialog dialog(&settings, {podman, docker}, {});
        save(&dialog, QStringLiteral("settings-dialog"));
    }

    void spaceDialogs()
    {
        SpaceDialog::Options options;
        options.tmpl = SampleData::goTemplate();
        options.takenNames = {QStringLiteral("docs")};
        options.validator = [](const QString&) { return QString(); };
        SpaceDialog create(options);
        create.findChild<QLineEdit*>(QStringLiteral("nameEdit"))->setText(QStringLiteral("docs"));
        create.findChild<QToolButton*>(QStringLiteral("addNameButton"))->click();
        create.findChild<QLineEdit*>(QStringLiteral("additionalName_0"))->setText(QStringLiteral("docs-web"));
        save(&create, QStringLiteral("space-dialog-create"));

        options.mode = SpaceDialog::Mode::Edit;
        options.space = SampleData::spaces().first();
        SpaceDialog edit(options);
        save(&edit, QStringLiteral("space-dialog-edit"));
    }

    void templateEditor()
    {
        const auto validator = [](const Template& tmpl) {
            TemplateEditorDialog::Validation validation;
            if (tmpl.job.contains(QStringLiteral("imgae"))) {
                validation.job.append({Diagnostic::Severity::Error,
                                       2,
                                       1,
                                       QStringLiteral("imgae"),
                                       QStringLiteral("unknown field \"imgae\"")});
            }
            return validation;
        };
        Template tmpl = SampleData::goTemplate();
        tmpl.job.replace(QStringLiteral("image:"), QStringLiteral("imgae:"));
        tmpl.job.prepend(QStringLiteral("# Go development space\n"));
        TemplateEditorDialog dialog(tmpl, validator);
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(1);
        save(&dialog, QStringLiteral("template-editor-container"));
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(5);
        save(&dialog, QStringLiteral("template-editor-features"));
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(0);
        save(&dialog, QStringLiteral("template-editor-general"));
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
