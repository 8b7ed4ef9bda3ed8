#include "ui/terminal/terminalwindow.h"

#include "ui/terminal/execterminalsession.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"

#include <QCloseEvent>
#include <QSettings>
#include <QShortcut>
#include <QTabWidget>

namespace Knot {

TerminalWindow::TerminalWindow(QSettings* settings, const QString& geometryKey, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_geometryKey(geometryKey)
    , m_tabs(new QTabWidget(this))
    , m_scrollback(TerminalSurface::DefaultScrollback)
{
    setWindowTitle(tr("Terminal"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    resize(900, 600);
    if (m_settings) {
        restoreGeometry(m_settings->value(m_geometryKey).toByteArray());
    }

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &TerminalWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        setWindowTitle(index < 0 ? tr("Terminal") : tabTitle(index));
        if (auto* current = tab(index)) {
            current->view()->setFocus();
        }
    });
    const auto shortcut = [this](const QKeySequence& keys, auto slot) {
        auto* action = new QShortcut(keys, this);
        connect(action, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), [this] { closeTab(m_tabs->currentIndex()); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] { duplicateCurrentTab(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_PageDown), [this] { nextTab(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_PageUp), [this] { previousTab(); });
}

TerminalWindow::~TerminalWindow()
{
    saveGeometry();
}

TerminalTab* TerminalWindow::openTerminal(const Space& space,
                                          EngineClient* client,
                                          const QString& containerId,
                                          const ShellCommand& command)
{
    auto& target = m_targets[space.id];
    if (!target) {
        target = std::make_shared<Target>();
        target->spaceId = space.id;
    }
    target->spaceName = space.name;
    target->client = client;
    target->containerId = containerId;
    TerminalTab* tab = addTab(target, command);
    show();
    raise();
    activateWindow();
    return tab;
}

TerminalTab* TerminalWindow::addTab(std::shared_ptr<Target> target, const ShellCommand& command)
{
    // Numbered after the highest number in use, so closing tab 2 of 3 does not make two "(3)"s.
    int number = 1;
    for (const auto& info : std::as_const(m_info)) {
        if (info.target == target) {
            number = std::max(number, info.number + 1);
        }
    }
    auto factory = [target, command](QObject* parent) -> TerminalSession* {
        return new ExecTerminalSession(target->client, target->containerId, command, parent);
    };
    auto* tab = new TerminalTab(factory, m_tabs);
    tab->view()->setScrollbackCapacity(m_scrollback);
    m_info.insert(tab, TabInfo {target, command, number, {}});
    connect(tab, &TerminalTab::titleChanged, this, [this, tab](const QString& title) {
        m_info[tab].title = title;
        updateTitle(tab);
    });
    const int index = m_tabs->addTab(tab, QString());
    updateTitle(tab);
    m_tabs->setCurrentIndex(index);
    tab->view()->setFocus();
    return tab;
}

void TerminalWindow::updateTitle(TerminalTab* tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0) {
        return;
    }
    const TabInfo& info = m_info[tab];
    QString title =
        info.number > 1 ? tr("%1 (%2)").arg(info.target->spaceName).arg(info.number) : info.target->spaceName;
    if (!info.title.isEmpty()) {
        title = tr("%1: %2").arg(title, info.title);
    }
    m_tabs->setTabText(index, title);
    m_tabs->setTabToolTip(index, title);
    if (index == m_tabs->currentIndex()) {
        setWindowTitle(title);
    }
}

void TerminalWindow::spaceStopped(const QString& spaceId)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        TerminalTab* current = tab(i);
        if (m_info[current].target->spaceId != spaceId) {
            continue;
        }
        if (auto* session = qobject_cast<ExecTerminalSession*>(current->session())) {
            session->end(tr("Space stopped"));
        }
    }
}

void TerminalWindow::spaceStarted(const QString& spaceId, EngineClient* client, const QString& containerId)
{
    if (const auto target = m_targets.value(spaceId)) {
        target->client = client;
        target->containerId = containerId;
    }
}

int TerminalWindow::count() const
{
    return m_tabs->count();
}

TerminalTab* TerminalWindow::tab(int index) const
{
    return qobject_cast<TerminalTab*>(m_tabs->widget(index));
}

TerminalTab* TerminalWindow::currentTab() const
{
    return tab(m_tabs->currentIndex());
}

QString TerminalWindow::tabTitle(int index) const
{
    return m_tabs->tabText(index);
}

QString TerminalWindow::spaceIdOf(const TerminalTab* tab) const
{
    const auto it = m_info.constFind(tab);
    return it == m_info.cend() ? QString() : it->target->spaceId;
}

void TerminalWindow::closeTab(int index)
{
    TerminalTab* closing = tab(index);
    if (!closing) {
        return;
    }
    m_tabs->removeTab(index);
    m_info.remove(closing);
    // Deleting the tab deletes its session, which detaches the exec stream.
    delete closing;
    if (m_tabs->count() == 0) {
        close();
    }
}

TerminalTab* TerminalWindow::duplicateCurrentTab()
{
    TerminalTab* current = currentTab();
    if (!current) {
        return nullptr;
    }
    const TabInfo info = m_info.value(current);
    return addTab(info.target, info.command);
}

void TerminalWindow::nextTab()
{
    if (m_tabs->count() > 1) {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    }
}

void TerminalWindow::previousTab()
{
    if (m_tabs->count() > 1) {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    }
}

void TerminalWindow::setScrollbackCapacity(int lines)
{
    lines = std::max(lines, 0);
    if (lines == m_scrollback) {
        return;
    }
    m_scrollback = lines;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto* tab = qobject_cast<TerminalTab*>(m_tabs->widget(i))) {
            tab->view()->setScrollbackCapacity(lines);
        }
    }
}

void TerminalWindow::closeEvent(QCloseEvent* event)
{
    saveGeometry();
    while (m_tabs->count() > 0) {
        const int index = m_tabs->count() - 1;
        TerminalTab* closing = tab(index);
        m_tabs->removeTab(index);
        m_info.remove(closing);
        delete closing;
    }
    event->accept();
}

void TerminalWindow::saveGeometry()
{
    if (m_settings && isVisible()) {
        m_settings->setValue(m_geometryKey, QMainWindow::saveGeometry());
    }
}

} // namespace Knot
