#include "sampledata.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/messagewidget.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"
#include "ui/templatelistmodel.h"
#include "ui/templatespage.h"
#include "ui/trayicon.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Knot;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    SpaceListModel m_spaces;
    TemplateListModel m_templates;

    std::unique_ptr<MainWindow> makeWindow()
    {
        return std::make_unique<MainWindow>(m_settings.get(), &m_spaces, &m_templates);
    }

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void init()
    {
        m_settings.reset();
        m_qsettings.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
        m_qsettings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        m_templates.setTemplates(SampleData::templates(), SampleData::spaceCounts());
        m_spaces.setSpaces(SampleData::spaces());
        m_spaces.setTemplates(SampleData::templates(), SampleData::hashes());
    }

    void pageAndGeometryAreRemembered()
    {
        {
            auto window = makeWindow();
            QCOMPARE(window->currentPage(), MainWindow::Page::Spaces);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            window->findChild<QListWidget*>(QStringLiteral("navigation"))->setCurrentRow(1);
            QCOMPARE(window->currentPage(), MainWindow::Page::Templates);
            window->resize(900, 500);
            QVERIFY(window->close());
        }
        auto window = makeWindow();
        QCOMPARE(window->currentPage(), MainWindow::Page::Templates);
        QCOMPARE(window->size(), QSize(900, 500));
    }

    void closeQuitsWithoutATray()
    {
        // The offscreen platform has no tray: closing must not hide the window into nothing.
        QVERIFY(!TrayIcon::isAvailable());
        m_settings->setCloseToTray(true);
        auto window = makeWindow();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(!window->trayIcon()->isActive());
        QVERIFY(window->close());
    }

    void shortcuts()
    {
        auto window = makeWindow();
        const QHash<QString, QKeySequence> expected {
            {QStringLiteral("newSpaceAction"), QKeySequence(Qt::CTRL | Qt::Key_N)},
            {QStringLiteral("importTemplateAction"), QKeySequence(Qt::CTRL | Qt::Key_I)},
            {QStringLiteral("settingsAction"), QKeySequence(Qt::CTRL | Qt::Key_Comma)},
            {QStringLiteral("quitAction"), QKeySequence(Qt::CTRL | Qt::Key_Q)},
            {QStringLiteral("findAction"), QKeySequence(Qt::CTRL | Qt::Key_F)},
        };
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            auto* action = window->findChild<QAction*>(it.key());
            QVERIFY2(action, qPrintable(it.key()));
            QCOMPARE(action->shortcut(), it.value());
        }

        window->show();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QSignalSpy settings(window.get(), &MainWindow::settingsRequested);
        QTest::keyClick(window.get(), Qt::Key_Comma, Qt::ControlModifier);
        QCOMPARE(settings.count(), 1);

        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit*>(QStringLiteral("spacesFilter")));
    }

    void newSpaceNeedsATemplate()
    {
        auto window = makeWindow();
        window->show();
        QSignalSpy create(window->templatesPage(), &TemplatesPage::createSpaceRequested);
        window->findChild<QAction*>(QStringLiteral("newSpaceAction"))->trigger();
        QCOMPARE(window->currentPage(), MainWindow::Page::Templates);
        QCOMPARE(create.count(), 0);
        QVERIFY(window->templatesPage()->messageWidget()->isVisible());

        window->templatesPage()->selectTemplate(SampleData::goTemplate().id);
        window->findChild<QAction*>(QStringLiteral("newSpaceAction"))->trigger();
        QCOMPARE(create.count(), 1);
        QCOMPARE(create.first().first().toString(), SampleData::goTemplate().id);
    }

    void engineStatus()
    {
        auto window = makeWindow();
        auto* label = window->findChild<QLabel*>(QStringLiteral("engineLabel"));
        window->setEngineStatus(QStringLiteral("Podman"), MainWindow::EngineHealth::Connected);
        QCOMPARE(label->text(), QStringLiteral("Podman — connected"));
        const QImage connected = window->findChild<QLabel*>(QStringLiteral("engineDot"))->pixmap().toImage();
        window->setEngineStatus(
            QStringLiteral("Podman"), MainWindow::EngineHealth::Unreachable, QStringLiteral("socket gone"));
        // The reason is worth a glance: in the text, and with the state in the tooltip.
        QCOMPARE(label->text(), QStringLiteral("Podman — unreachable: socket gone"));
        QCOMPARE(label->toolTip(), QStringLiteral("Podman — unreachable\nsocket gone"));
        window->setEngineStatus(QStringLiteral("Podman"), MainWindow::EngineHealth::Reconnecting);
        QCOMPARE(label->text(), QStringLiteral("Podman — reconnecting"));
        QVERIFY(window->findChild<QLabel*>(QStringLiteral("engineDot"))->pixmap().toImage() != connected);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
