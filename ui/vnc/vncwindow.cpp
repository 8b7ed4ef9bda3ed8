#include "ui/vnc/vncwindow.h"

#include "ui/messagewidget.h"
#include "ui/vnc/vncview.h"

#include <QAction>
#include <QFileDialog>
#include <QScrollArea>
#include <QToolBar>
#include <QVBoxLayout>

namespace Knot {

VncWindow::VncWindow(const QString& title, QWidget* parent)
    : QWidget(parent, Qt::Window), m_message(new MessageWidget), m_scrollArea(new QScrollArea), m_view(new VncView)
{
    setWindowTitle(title);
    auto* toolBar = new QToolBar;
    m_fit = toolBar->addAction(tr("Fit"));
    m_fit->setCheckable(true);
    m_fit->setChecked(m_view->scaleToFit());
    m_fit->setToolTip(tr("Scale the remote desktop to the window (off: 1:1 with scroll bars)"));
    m_viewOnly = toolBar->addAction(tr("View only"));
    m_viewOnly->setCheckable(true);
    m_grabKeyboard = toolBar->addAction(tr("Grab keyboard"));
    m_grabKeyboard->setCheckable(true);
    m_grabKeyboard->setToolTip(
        tr("Send every key to the remote desktop, shortcuts included; %1 gives the keyboard back")
            .arg(QString::fromLatin1(VncView::ReleaseChord)));
    toolBar->addSeparator();
    m_screenshot = toolBar->addAction(tr("Screenshot…"));
    m_ctrlAltDel = toolBar->addAction(tr("Send Ctrl+Alt+Del"));
    m_reconnect = toolBar->addAction(tr("Reconnect"));

    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setFrameShape(QFrame::NoFrame);
    m_scrollArea->setAlignment(Qt::AlignCenter);
    m_scrollArea->setWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolBar);
    layout->addWidget(m_message);
    layout->addWidget(m_scrollArea, 1);

    connect(m_fit, &QAction::toggled, m_view, &VncView::setScaleToFit);
    connect(m_viewOnly, &QAction::toggled, m_view, &VncView::setViewOnly);
    connect(m_grabKeyboard, &QAction::toggled, m_view, &VncView::setKeyboardGrabbed);
    connect(m_view, &VncView::keyboardGrabChanged, m_grabKeyboard, &QAction::setChecked);
    connect(m_screenshot, &QAction::triggered, this, &VncWindow::chooseScreenshotFile);
    connect(m_ctrlAltDel, &QAction::triggered, m_view, &VncView::sendCtrlAltDel);
    connect(m_reconnect, &QAction::triggered, m_view, &VncView::reconnect);
    connect(m_view->client(), &VncClient::stateChanged, this, [this](VncClient::State state) {
        const bool connected = state == VncClient::State::Connected;
        m_screenshot->setEnabled(connected);
        m_grabKeyboard->setEnabled(connected);
        m_ctrlAltDel->setEnabled(connected);
    });
    resize(1024, 768);
}

VncWindow* VncWindow::openVnc(const QString& title,
                              const QString& host,
                              int port,
                              const QString& password,
                              VncTransport transport,
                              QWidget* parent)
{
    auto* window = new VncWindow(title, parent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    window->m_view->connectToHost(host, port, password, transport);
    window->m_view->setFocus();
    return window;
}

void VncWindow::chooseScreenshotFile()
{
    // open(), not exec(): the GUI thread never runs a nested event loop.
    auto* dialog = new QFileDialog(this, tr("Save screenshot"), {}, tr("PNG images (*.png)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("png"));
    dialog->selectFile(windowTitle() + QStringLiteral(".png"));
    connect(dialog, &QFileDialog::fileSelected, this, &VncWindow::saveScreenshot);
    dialog->open();
}

void VncWindow::saveScreenshot(const QString& path)
{
    const VoidResult saved = m_view->saveScreenshot(path);
    if (saved)
        m_message->showInfo(tr("Screenshot saved to %1").arg(path));
    else
        m_message->showError(saved.error().message);
}

} // namespace Knot
