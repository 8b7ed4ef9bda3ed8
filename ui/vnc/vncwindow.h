#pragma once

#include "core/model/template.h"

#include <QWidget>

class QAction;
class QScrollArea;

namespace Knot {

class MessageWidget;
class VncView;

// A top-level VNC window: a toolbar (Fit / 1:1, View only, Screenshot, Send Ctrl+Alt+Del, Reconnect)
// over a scroll area holding the VncView. Closing it ends the session and deletes the window.
class VncWindow : public QWidget
{
    Q_OBJECT

public:
    explicit VncWindow(const QString& title, QWidget* parent = nullptr);

    // Creates, shows and connects a window; it deletes itself when closed.
    static VncWindow* openVnc(const QString& title,
                              const QString& host,
                              int port,
                              const QString& password,
                              VncTransport transport = VncTransport::Rfb,
                              QWidget* parent = nullptr);

    VncView* view() const { return m_view; }
    MessageWidget* messageWidget() const { return m_message; }
    QAction* fitAction() const { return m_fit; }
    QAction* viewOnlyAction() const { return m_viewOnly; }
    QAction* screenshotAction() const { return m_screenshot; }
    QAction* ctrlAltDelAction() const { return m_ctrlAltDel; }
    QAction* reconnectAction() const { return m_reconnect; }
    QAction* grabKeyboardAction() const { return m_grabKeyboard; }

private:
    void chooseScreenshotFile();
    void saveScreenshot(const QString& path);

    MessageWidget* m_message;
    QScrollArea* m_scrollArea;
    VncView* m_view;
    QAction* m_fit;
    QAction* m_viewOnly;
    QAction* m_screenshot;
    QAction* m_ctrlAltDel;
    QAction* m_reconnect;
    QAction* m_grabKeyboard;
};

} // namespace Knot
