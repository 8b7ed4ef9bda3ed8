#pragma once

#include "core/result.h"
#include "ui/vnc/vncclient.h"

#include <QHash>
#include <QImage>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;

namespace Knot {

// Paints a VncClient's framebuffer and forwards keyboard, mouse and clipboard to it. Put it in a
// QScrollArea with widgetResizable: in 1:1 mode its minimum size is the framebuffer's, so the area
// scrolls; in fit mode it scales the picture into whatever size it gets, keeping the aspect ratio.
// While not Connected an overlay shows the state or the error and a Reconnect button.
class VncView : public QWidget
{
    Q_OBJECT

public:
    explicit VncView(QWidget* parent = nullptr);
    ~VncView() override;

    void
    connectToHost(const QString& host, int port, const QString& password, VncTransport transport = VncTransport::Rfb);
    void reconnect();
    VncClient* client() const { return m_client; }

    void setScaleToFit(bool fit);
    bool scaleToFit() const { return m_fit; }
    // Input is not sent (the picture still updates).
    void setViewOnly(bool viewOnly);
    bool viewOnly() const { return m_viewOnly; }

    QImage screenshot() const { return m_image; }
    VoidResult saveScreenshot(const QString& path) const;
    void sendCtrlAltDel();

    // While grabbed, every key goes to the remote desktop, the application's and (on X11) the
    // desktop environment's shortcuts included. ReleaseChord gives the keyboard back; losing the
    // connection does too, so the user is never left without a keyboard.
    void setKeyboardGrabbed(bool grabbed);
    bool isKeyboardGrabbed() const { return m_grabbed; }
    static constexpr auto ReleaseChord = "Ctrl+Alt+G";

    // Widget position -> framebuffer position under the current scaling.
    QPoint toFramebuffer(const QPointF& position) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void keyboardGrabChanged(bool grabbed);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void onStateChanged(VncClient::State state);
    void onFrameResized(const QSize& size);
    void onFrameUpdated(const QRect& rect);
    void onServerClipboard(const QString& text);
    void onLocalClipboard();
    void sendMouse(const QPointF& position, Qt::MouseButtons buttons);
    void releasePressedKeys();
    void updateScaling();
    void placeOverlay();
    QRect toWidget(const QRect& framebufferRect) const;

    VncClient* m_client;
    QString m_host;
    int m_port = 0;
    QString m_password;
    VncTransport m_transport = VncTransport::Rfb;

    QImage m_image; // our own copy of the framebuffer, painted without taking the client's lock
    bool m_fit = true;
    bool m_viewOnly = false;
    bool m_grabbed = false;
    qreal m_scale = 1.0;
    QPointF m_offset;
    int m_buttonMask = 0;
    QHash<int, quint32> m_pressedKeys; // Qt key -> keysym sent on press, released with the same keysym
    QString m_lastServerClipboard;

    QFrame* m_overlay;
    QLabel* m_overlayText;
    QPushButton* m_reconnectButton;
};

} // namespace Knot
