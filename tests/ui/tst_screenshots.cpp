#include "sampledata.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"
#include "ui/templatelistmodel.h"
#include "ui/templatespage.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

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
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
