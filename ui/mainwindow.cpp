#include "ui/mainwindow.h"

#include "ui/appsettings.h"
#include "ui/icons.h"
#include "ui/palettecolors.h"
#include "ui/spacelistmodel.h"
#include "ui/spacespage.h"
#include "ui/templatespage.h"
#include "ui/trayicon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace Knot {

namespace {
const QString SpacesKey = QStringLiteral("spaces");
const QString TemplatesKey = QStringLiteral("templates");
} // namespace

MainWindow::MainWindow(AppSettings* settings, SpaceListModel* spaces, TemplateListModel* templates, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_spacesPage(new SpacesPage(spaces, this))
    , m_templatesPage(new TemplatesPage(templates, this))
    , m_tray(new TrayIcon(spaces, this))
    , m_engineDot(new QLabel(this))
    , m_engineLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Knot Desktop"));
    setWindowIcon(Icons::app());

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    const QColor navColor = palette().color(QPalette::WindowText);
    m_navigation->addItem(new QListWidgetItem(Icons::service(ServiceIcon::WebTerminal, navColor), tr("Spaces")));
    m_navigation->addItem(new QListWidgetItem(Icons::service(ServiceIcon::Vnc, navColor), tr("Templates")));
    m_navigation->setFixedWidth(m_navigation->sizeHintForColumn(0) + 48);
    // The navigation sits on the window colour, like a sidebar, not on the list base colour.
    m_navigation->setBackgroundRole(QPalette::Window);
    m_navigation->viewport()->setBackgroundRole(QPalette::Window);

    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(m_spacesPage);
    m_pages->addWidget(m_templatesPage);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto* separator = new QFrame(central);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addWidget(separator);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_engineDot->setObjectName(QStringLiteral("engineDot"));
    m_engineLabel->setObjectName(QStringLiteral("engineLabel"));
    statusBar()->addPermanentWidget(m_engineDot);
    statusBar()->addPermanentWidget(m_engineLabel);
    setEngineStatus(tr("No engine"), EngineHealth::Unknown);

    createActions();

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        m_settings->setCurrentPage(row == 1 ? TemplatesKey : SpacesKey);
    });
    connect(m_spacesPage, &SpacesPage::newSpaceRequested, this, &MainWindow::requestNewSpace);
    connect(m_tray, &TrayIcon::showWindowRequested, this, &MainWindow::showAndRaise);
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);

    resize(1100, 720);
    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty()) {
        restoreGeometry(geometry);
    }
    const QByteArray state = m_settings->windowState();
    if (!state.isEmpty()) {
        restoreState(state);
    }
    showPage(m_settings->currentPage() == TemplatesKey ? Page::Templates : Page::Spaces);
    m_tray->show();
}

void MainWindow::createActions()
{
    auto make = [this](const char* objectName, const QString& text, const QString& icon, const QKeySequence& shortcut) {
        auto* action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(QLatin1String(objectName));
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        if (!shortcut.isEmpty()) {
            action->setToolTip(QStringLiteral("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
        }
        addAction(action);
        return action;
    };
    QAction* newSpace = make("newSpaceAction", tr("New Space…"), QStringLiteral("list-add"), QKeySequence::New);
    QAction* import = make("importTemplateAction",
                           tr("Import Template…"),
                           QStringLiteral("document-import"),
                           QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction* settings =
        make("settingsAction", tr("Settings…"), QStringLiteral("configure"), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    QAction* quitAction =
        make("quitAction", tr("Quit"), QStringLiteral("application-exit"), QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction->setMenuRole(QAction::QuitRole);
    QAction* orphans =
        make("orphansAction", tr("Containers and Volumes Without a Space…"), QStringLiteral("edit-clear"), {});
    QAction* find = make("findAction", tr("Find"), QStringLiteral("edit-find"), QKeySequence::Find);
    QAction* spacesAction = make("showSpacesAction", tr("Spaces"), {}, QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* templatesAction = make("showTemplatesAction", tr("Templates"), {}, QKeySequence(Qt::CTRL | Qt::Key_2));

    connect(newSpace, &QAction::triggered, this, &MainWindow::requestNewSpace);
    connect(import, &QAction::triggered, this, [this] {
        showPage(Page::Templates);
        m_templatesPage->chooseImportFiles();
    });
    connect(settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(quitAction, &QAction::triggered, this, &MainWindow::quit);
    connect(orphans, &QAction::triggered, this, &MainWindow::orphansRequested);
    connect(find, &QAction::triggered, this, [this] {
        if (currentPage() == Page::Spaces) {
            m_spacesPage->focusFilter();
        } else {
            m_templatesPage->focusFilter();
        }
    });
    connect(spacesAction, &QAction::triggered, this, [this] { showPage(Page::Spaces); });
    connect(templatesAction, &QAction::triggered, this, [this] { showPage(Page::Templates); });

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(newSpace);
    file->addAction(import);
    file->addSeparator();
    file->addAction(orphans);
    file->addSeparator();
    file->addAction(quitAction);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(find);
    edit->addSeparator();
    edit->addAction(settings);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(spacesAction);
    view->addAction(templatesAction);

    QToolBar* toolbar = addToolBar(tr("Main Toolbar"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonFollowStyle);
    toolbar->addAction(newSpace);
    toolbar->addAction(import);
    toolbar->addSeparator();
    toolbar->addAction(settings);
}

void MainWindow::requestNewSpace()
{
    // A space always comes from a template: pick it on the Templates page.
    showPage(Page::Templates);
    m_templatesPage->requestCreateSpace();
}

MainWindow::Page MainWindow::currentPage() const
{
    return m_pages->currentWidget() == m_templatesPage ? Page::Templates : Page::Spaces;
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page == Page::Templates ? 1 : 0);
}

void MainWindow::setEngineStatus(const QString& engineName, EngineHealth health, const QString& detail)
{
    QColor color = PaletteColors::neutral(palette());
    QString state = tr("unknown");
    switch (health) {
    case EngineHealth::Connected:
        color = PaletteColors::success(palette());
        state = tr("connected");
        break;
    case EngineHealth::Connecting:
        color = PaletteColors::warning(palette());
        state = tr("connecting");
        break;
    case EngineHealth::Starting:
        color = PaletteColors::warning(palette());
        state = tr("starting");
        break;
    case EngineHealth::Reconnecting:
        color = PaletteColors::warning(palette());
        state = tr("reconnecting");
        break;
    case EngineHealth::Unreachable:
        color = PaletteColors::error(palette());
        state = tr("unreachable");
        break;
    case EngineHealth::Unknown:
        break;
    }
    const int size = fontMetrics().height() * 2 / 3;
    m_engineDot->setPixmap(Icons::dot(color, size).pixmap(size, size));
    // The version or the reason is worth a glance; the tooltip has the whole text.
    const bool showDetail = health == EngineHealth::Connected || health == EngineHealth::Unreachable;
    const QString text = showDetail && !detail.isEmpty() ? tr("%1 — %2: %3").arg(engineName, state, detail)
                                                         : tr("%1 — %2").arg(engineName, state);
    m_engineLabel->setText(fontMetrics().elidedText(text, Qt::ElideRight, fontMetrics().averageCharWidth() * 90));
    const QString tip = detail.isEmpty() ? text : tr("%1\n%2").arg(tr("%1 — %2").arg(engineName, state), detail);
    m_engineLabel->setToolTip(tip);
    m_engineDot->setToolTip(tip);
}

QString MainWindow::engineStatusText() const
{
    return m_engineLabel->text();
}

void MainWindow::showAndRaise()
{
    showNormal();
    raise();
    activateWindow();
}

void MainWindow::quit()
{
    m_quitting = true;
    saveWindowState();
    Q_EMIT quitRequested();
    close();
    QApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    // Never hide to a tray that does not exist: the user could not get the window back.
    if (!m_quitting && m_settings->closeToTray() && m_tray->isActive()) {
        hide();
        if (!m_toldAboutTray) {
            m_toldAboutTray = true;
            m_tray->showNotification(tr("Knot Desktop is still running"),
                                     tr("Your spaces keep running. Quit from the tray menu to leave."));
        }
        event->ignore();
        return;
    }
    event->accept();
}

void MainWindow::saveWindowState()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setCurrentPage(currentPage() == Page::Templates ? TemplatesKey : SpacesKey);
}

} // namespace Knot
