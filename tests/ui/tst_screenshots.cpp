#include "core/store/database.h"
#include "core/store/settingsstore.h"
#include "sampledata.h"
#include "testutils.h"
#include "ui/appearance.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/orphansdialog.h"
#include "ui/portsmenu.h"
#include "ui/settingsdialog.h"
#include "ui/spacedialog.h"
#include "ui/spaceitemdelegate.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"
#include "ui/templateeditordialog.h"
#include "ui/templatelistmodel.h"
#include "ui/templatespage.h"
#include "ui/trayicon.h"
#include "ui/yamleditor.h"

#include <QDir>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Knot;

namespace {

// What the main window shows in the screenshots: settings and both models with the sample data.
struct SampleWindow
{
    explicit SampleWindow(const QString& settingsFile) : qsettings(settingsFile, QSettings::IniFormat)
    {
        templates.setTemplates(SampleData::templates(), SampleData::spaceCounts());
        spaces.setSpaces(SampleData::spaces());
        spaces.setTemplates(SampleData::templates(), SampleData::hashes());
    }

    QSettings qsettings;
    AppSettings settings {&qsettings};
    SpaceListModel spaces;
    TemplateListModel templates;
};

} // namespace

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
        // Pending relayouts (a status bar text that grew) before the picture.
        QCoreApplication::sendPostedEvents();
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

    // A menu as it pops up (with its shadow-less frame), closed again afterwards.
    void savePopup(QMenu* menu, const QString& name)
    {
        QVERIFY2(menu, qPrintable(name));
        menu->popup(QPoint(0, 0));
        save(menu, name);
        menu->close();
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
        SampleWindow sample(m_dir.filePath(QStringLiteral("settings.ini")));
        auto& [qsettings, settings, spaces, templates] = sample;
        spaces.setPullProgress(QStringLiteral("s2"), 42, QStringLiteral("Pulling golang:1.22 — 120 MB of 290 MB"));

        MainWindow window(&settings, &spaces, &templates);
        window.resize(1100, 640);
        window.setEngineStatus(QStringLiteral("Podman"), MainWindow::EngineHealth::Connected);
        window.showPage(MainWindow::Page::Spaces);
        save(&window, QStringLiteral("spaces-page"));
        // With the probe's findings: VNC and code-server answer, the VS Code tunnel is not
        // connected yet (its icon is red).
        spaces.setProbingServices(true);
        for (const ServiceIcon service : {ServiceIcon::Vnc,
                                          ServiceIcon::CodeServer,
                                          ServiceIcon::VscodeTunnel,
                                          ServiceIcon::WebTerminal,
                                          ServiceIcon::Ports}) {
            window.spacesPage()->delegate()->setServiceAvailable(service, true);
        }
        const Template go = SampleData::goTemplate();
        spaces.setServiceStatus(QStringLiteral("s1"),
                                ServiceStatus {true, {go.vnc->port, go.codeServerPort}, false, {}});
        save(&window, QStringLiteral("spaces-page-tunnel-disconnected"));
        spaces.setProbingServices(false);
        window.showPage(MainWindow::Page::Templates);
        save(&window, QStringLiteral("templates-page"));

        // The engine's event stream dropped: the status bar says it is retrying.
        window.setEngineStatus(QStringLiteral("Local Podman"), MainWindow::EngineHealth::Reconnecting);
        save(&window, QStringLiteral("templates-page-reconnecting"));
        window.setEngineStatus(
            QStringLiteral("Local Podman"),
            MainWindow::EngineHealth::Connected,
            QStringLiteral("Podman 4.3.1, API 1.41 (linux/amd64) at unix:///run/podman/podman.sock"));

        // The row menus and the tray's menu with a running space's services.
        std::unique_ptr<QMenu> spaceMenu(window.spacesPage()->createRowMenu(QStringLiteral("s1"), &window));
        savePopup(spaceMenu.get(), QStringLiteral("spaces-row-menu"));
        std::unique_ptr<QMenu> templateMenu(
            window.templatesPage()->createRowMenu(SampleData::goTemplate().id, &window));
        savePopup(templateMenu.get(), QStringLiteral("templates-row-menu"));
        TrayIcon tray(&spaces);
        savePopup(tray.menu(), QStringLiteral("tray-menu"));
        savePopup(tray.menu()->findChild<QMenu*>(QStringLiteral("traySpace_api-server")),
                  QStringLiteral("tray-menu-running-space"));

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
        auto db = Database::open(m_dir.filePath(QStringLiteral("settings.db")));
        QVERIFY_RESULT(db);
        SettingsStore store(**db);
        SettingsDialog::ConnectionTester tester = [](const EngineRecord&, auto done) {
            EngineVersion version;
            version.kind = EngineRecord::Kind::Podman;
            version.productVersion = QStringLiteral("4.3.1");
            version.apiVersion = QStringLiteral("1.41");
            version.os = QStringLiteral("linux");
            version.arch = QStringLiteral("amd64");
            done(version);
        };
        SettingsDialog dialog(&settings, &store, {podman, docker}, tester);
        dialog.findChild<QPushButton*>(QStringLiteral("testEngineButton"))->click();
        save(&dialog, QStringLiteral("settings-dialog"));
        auto* tabs = dialog.findChild<QTabWidget*>(QStringLiteral("settingsTabs"));
        tabs->setCurrentIndex(1);
        save(&dialog, QStringLiteral("settings-dialog-appearance"));
        tabs->setCurrentIndex(2);
        save(&dialog, QStringLiteral("settings-dialog-spaces"));
    }

    void orphansDialog()
    {
        Orphan container(Orphan::Kind::Container,
                         QStringLiteral("3f2a9c0d1b7e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c"),
                         QStringLiteral("knot-old-go"),
                         QStringLiteral("5b1e6d0c-0a3e-4c1f-9a55-2f1b8c3d4e5f"),
                         nullptr);
        container.created = QDateTime(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC);
        Orphan stranger = container;
        stranger.id = QStringLiteral("8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f");
        stranger.name = QStringLiteral("knot-mystery");
        stranger.spaceId = QStringLiteral("0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a");
        Orphan volume(Orphan::Kind::Volume,
                      QStringLiteral("5b1e6d0c-0a3e-4c1f-9a55-2f1b8c3d4e5f-home"),
                      QStringLiteral("5b1e6d0c-0a3e-4c1f-9a55-2f1b8c3d4e5f-home"),
                      container.spaceId,
                      nullptr);
        volume.created = container.created;
        OrphansDialog dialog([&](const Orphan& orphan) {
            return orphan.id == stranger.id ? QStringLiteral("no template matches the one it was started from.")
                                            : QString();
        });
        dialog.setOrphans({container, stranger, volume});
        dialog.selectOrphan(stranger.id);
        save(&dialog, QStringLiteral("orphans-dialog"));
    }

    void portsMenu()
    {
        PortsMenu menu(QStringLiteral("s1"));
        save(&menu, QStringLiteral("ports-menu-loading"));
        menu.close();
        const auto entry = [](const QString& name, int port, PortProtocol protocol, int hostPort) {
            PortEntry e;
            e.name = name;
            e.port = port;
            e.protocol = protocol;
            e.hostPort = hostPort;
            e.hostAddress = QStringLiteral("127.0.0.1");
            return e;
        };
        PortEntry forwarded = entry(QStringLiteral("api"), 9000, PortProtocol::Http, 0);
        forwarded.forwardable = true;
        PortEntry found = entry({}, 3000, PortProtocol::Http, 0);
        found.forwardable = true;
        found.listening = true;
        menu.setEntries({entry(QStringLiteral("web"), 8080, PortProtocol::Http, 18080),
                         entry(QStringLiteral("docs"), 6060, PortProtocol::Https, 0),
                         entry(QStringLiteral("db"), 5432, PortProtocol::Tcp, 15432),
                         forwarded,
                         found});
        savePopup(&menu, QStringLiteral("ports-menu"));
        savePopup(menu.findChild<QMenu*>(QStringLiteral("port_8080")), QStringLiteral("ports-menu-port"));
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
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(2);
        save(&dialog, QStringLiteral("template-editor-volumes"));
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(3);
        save(&dialog, QStringLiteral("template-editor-ports"));
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(4);
        save(&dialog, QStringLiteral("template-editor-custom-fields"));
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(5);
        save(&dialog, QStringLiteral("template-editor-features"));
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(0);
        save(&dialog, QStringLiteral("template-editor-general"));
    }

    // The dark theme and a 2x screen: the same window, checked to be dark and drawn at full resolution.
    void darkThemeAndHighDpi()
    {
        Appearance appearance;
        appearance.apply(AppSettings::Style::Fusion, AppSettings::Theme::Dark);
        const auto restore =
            qScopeGuard([&] { appearance.apply(AppSettings::Style::System, AppSettings::Theme::System); });
        SampleWindow sample(m_dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(&sample.settings, &sample.spaces, &sample.templates);
        window.resize(1100, 640);
        window.setEngineStatus(QStringLiteral("Podman"), MainWindow::EngineHealth::Connected);
        window.showPage(MainWindow::Page::Spaces);
        save(&window, QStringLiteral("dark-spaces-page"));
        // Dark means dark: the list's background and the window are, the names on it are not.
        const QImage dark = window.grab().toImage();
        QVERIFY2(qGray(dark.pixel(5, dark.height() / 2)) < 96, "window background is not dark");
        QVERIFY(window.palette().color(QPalette::Text).lightness()
                > window.palette().color(QPalette::Base).lightness());
        window.showPage(MainWindow::Page::Templates);
        save(&window, QStringLiteral("dark-templates-page"));

        TemplateEditorDialog dialog(SampleData::goTemplate(),
                                    [](const Template&) { return TemplateEditorDialog::Validation(); });
        dialog.findChild<QTabWidget*>(QStringLiteral("editorTabs"))->setCurrentIndex(1);
        save(&dialog, QStringLiteral("dark-template-editor-container"));

        // High DPI: rendered into a 2x image, as on a 200 % screen; icons and text use their 2x forms.
        window.showPage(MainWindow::Page::Spaces);
        QImage hidpi(window.size() * 2, QImage::Format_ARGB32_Premultiplied);
        hidpi.setDevicePixelRatio(2.0);
        hidpi.fill(Qt::transparent);
        window.render(&hidpi);
        QCOMPARE(hidpi.size(), window.size() * 2);
        QVERIFY(hidpi.save(m_out + QStringLiteral("/hidpi-spaces-page.png")));
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
