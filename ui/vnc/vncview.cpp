#include "ui/vnc/vncview.h"

#include "ui/vnc/vnckeymap.h"

#include <QClipboard>
#include <QFrame>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QPaintEvent>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

namespace Knot {

namespace {

constexpr quint32 KeysymControl = 0xffe3;
constexpr quint32 KeysymAlt = 0xffe9;
constexpr quint32 KeysymDelete = 0xffff;

int rfbButtons(Qt::MouseButtons buttons)
{
    int mask = 0;
    if (buttons & Qt::LeftButton)
        mask |= VncClient::LeftButton;
    if (buttons & Qt::MiddleButton)
        mask |= VncClient::MiddleButton;
    if (buttons & Qt::RightButton)
        mask |= VncClient::RightButton;
    return mask;
}

} // namespace

VncView::VncView(QWidget* parent)
    : QWidget(parent)
    , m_client(new VncClient(this))
    , m_overlay(new QFrame(this))
    , m_overlayText(new QLabel)
    , m_reconnectButton(new QPushButton(tr("Reconnect")))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);

    m_overlay->setFrameShape(QFrame::StyledPanel);
    m_overlay->setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(m_overlay);
    m_overlayText->setWordWrap(true);
    m_overlayText->setAlignment(Qt::AlignCenter);
    m_overlayText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_overlayText);
    layout->addWidget(m_reconnectButton, 0, Qt::AlignHCenter);
    connect(m_reconnectButton, &QPushButton::clicked, this, &VncView::reconnect);

    connect(m_client, &VncClient::stateChanged, this, &VncView::onStateChanged);
    connect(m_client, &VncClient::frameResized, this, &VncView::onFrameResized);
    connect(m_client, &VncClient::frameUpdated, this, &VncView::onFrameUpdated);
    connect(m_client, &VncClient::clipboardReceived, this, &VncView::onServerClipboard);
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, &VncView::onLocalClipboard);
    onStateChanged(m_client->state());
}

VncView::~VncView()
{
    if (m_grabbed)
        releaseKeyboard();
}

void VncView::connectToHost(const QString& host, int port, const QString& password, VncTransport transport)
{
    m_transport = transport;
    m_host = host;
    m_port = port;
    m_password = password;
    reconnect();
}

void VncView::reconnect()
{
    releasePressedKeys();
    m_buttonMask = 0;
    m_client->connectToHost(m_host, m_port, m_password, m_transport);
}

void VncView::setScaleToFit(bool fit)
{
    m_fit = fit;
    setMinimumSize(m_fit ? QSize() : m_image.size());
    updateGeometry();
    updateScaling();
    update();
}

void VncView::setViewOnly(bool viewOnly)
{
    if (viewOnly)
        releasePressedKeys();
    m_viewOnly = viewOnly;
}

VoidResult VncView::saveScreenshot(const QString& path) const
{
    if (m_image.isNull())
        return Error::invalid(tr("There is no picture to save yet"));
    if (!m_image.save(path))
        return Error::io(tr("Cannot save the screenshot to %1").arg(path));
    return {};
}

void VncView::sendCtrlAltDel()
{
    if (m_viewOnly)
        return;
    for (quint32 keysym : {KeysymControl, KeysymAlt, KeysymDelete})
        m_client->sendKey(keysym, true);
    for (quint32 keysym : {KeysymDelete, KeysymAlt, KeysymControl})
        m_client->sendKey(keysym, false);
}

QSize VncView::sizeHint() const
{
    return m_image.isNull() ? QSize(800, 600) : m_image.size();
}

QPoint VncView::toFramebuffer(const QPointF& position) const
{
    const QPointF point = (position - m_offset) / m_scale;
    return {qBound(0, int(point.x()), qMax(0, m_image.width() - 1)),
            qBound(0, int(point.y()), qMax(0, m_image.height() - 1))};
}

QRect VncView::toWidget(const QRect& framebufferRect) const
{
    const QRectF rect(m_offset + QPointF(framebufferRect.topLeft()) * m_scale,
                      QSizeF(framebufferRect.size()) * m_scale);
    return rect.toAlignedRect().adjusted(-1, -1, 1, 1);
}

void VncView::updateScaling()
{
    if (m_image.isNull()) {
        m_scale = 1.0;
        m_offset = {};
        return;
    }
    m_scale = m_fit ? qMin(qreal(width()) / m_image.width(), qreal(height()) / m_image.height()) : 1.0;
    if (m_scale <= 0)
        m_scale = 1.0;
    // Centre the picture in whatever space is left over.
    m_offset = QPointF(qMax(0.0, (width() - m_image.width() * m_scale) / 2),
                       qMax(0.0, (height() - m_image.height() * m_scale) / 2));
}

void VncView::setKeyboardGrabbed(bool grabbed)
{
    if (grabbed == m_grabbed)
        return;
    m_grabbed = grabbed;
    if (grabbed) {
        setFocus();
        grabKeyboard();
    } else {
        releasePressedKeys();
        releaseKeyboard();
    }
    Q_EMIT keyboardGrabChanged(grabbed);
}

bool VncView::event(QEvent* event)
{
    // While grabbed, the application's shortcuts do not take keys from the remote desktop.
    if (event->type() == QEvent::ShortcutOverride && m_grabbed) {
        event->accept();
        return true;
    }
    // Tab and Backtab belong to the remote desktop, not to focus navigation.
    if (event->type() == QEvent::KeyPress || event->type() == QEvent::KeyRelease) {
        auto* keyEvent = static_cast<QKeyEvent*>(event);
        if (keyEvent->key() == Qt::Key_Tab || keyEvent->key() == Qt::Key_Backtab) {
            if (event->type() == QEvent::KeyPress)
                keyPressEvent(keyEvent);
            else
                keyReleaseEvent(keyEvent);
            return true;
        }
    }
    return QWidget::event(event);
}

void VncView::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().color(QPalette::Dark));
    if (m_image.isNull())
        return;
    const QRectF target(m_offset, QSizeF(m_image.size()) * m_scale);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_fit && m_scale != 1.0);
    painter.drawImage(target, m_image);
}

void VncView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateScaling();
    placeOverlay();
}

void VncView::placeOverlay()
{
    const QSize overlaySize = m_overlay->sizeHint().expandedTo(QSize(qMin(width() - 20, 360), 0));
    m_overlay->setGeometry(
        QRect(QPoint((width() - overlaySize.width()) / 2, (height() - overlaySize.height()) / 2), overlaySize));
}

void VncView::keyPressEvent(QKeyEvent* event)
{
    if (m_grabbed && event->key() == Qt::Key_G
        && (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) == (Qt::ControlModifier | Qt::AltModifier)) {
        // The release chord stays here; the Ctrl and Alt already sent are released on the server.
        setKeyboardGrabbed(false);
        return;
    }
    if (m_viewOnly)
        return;
    const quint32 keysym =
        event->isAutoRepeat() ? m_pressedKeys.value(event->key()) : VncKeyMap::keysym(event->key(), event->text());
    if (keysym == 0)
        return QWidget::keyPressEvent(event);
    m_pressedKeys.insert(event->key(), keysym);
    m_client->sendKey(keysym, true);
}

void VncView::keyReleaseEvent(QKeyEvent* event)
{
    // Auto-repeat sends release+press pairs; the server repeats on its own, so only real releases count.
    if (m_viewOnly || event->isAutoRepeat())
        return;
    const auto pressed = m_pressedKeys.constFind(event->key());
    if (pressed == m_pressedKeys.cend())
        return QWidget::keyReleaseEvent(event);
    m_client->sendKey(pressed.value(), false);
    m_pressedKeys.erase(pressed);
}

void VncView::releasePressedKeys()
{
    for (quint32 keysym : std::as_const(m_pressedKeys))
        m_client->sendKey(keysym, false);
    m_pressedKeys.clear();
}

void VncView::focusOutEvent(QFocusEvent* event)
{
    // A key still held when focus leaves would stay down on the server forever.
    releasePressedKeys();
    QWidget::focusOutEvent(event);
}

void VncView::sendMouse(const QPointF& position, Qt::MouseButtons buttons)
{
    if (m_viewOnly || m_image.isNull())
        return;
    m_buttonMask = rfbButtons(buttons);
    const QPoint point = toFramebuffer(position);
    m_client->sendPointer(point.x(), point.y(), m_buttonMask);
}

void VncView::mousePressEvent(QMouseEvent* event)
{
    sendMouse(event->position(), event->buttons());
}

void VncView::mouseReleaseEvent(QMouseEvent* event)
{
    sendMouse(event->position(), event->buttons());
}

void VncView::mouseMoveEvent(QMouseEvent* event)
{
    sendMouse(event->position(), event->buttons());
}

void VncView::wheelEvent(QWheelEvent* event)
{
    if (m_viewOnly || m_image.isNull())
        return;
    const QPoint delta = event->angleDelta();
    int wheel = 0;
    if (delta.y() != 0)
        wheel = delta.y() > 0 ? VncClient::WheelUp : VncClient::WheelDown;
    else if (delta.x() != 0)
        wheel = delta.x() > 0 ? VncClient::WheelLeft : VncClient::WheelRight;
    if (wheel == 0)
        return;
    // RFB has no wheel axis: a wheel step is a press and release of a pseudo button.
    const QPoint point = toFramebuffer(event->position());
    m_client->sendPointer(point.x(), point.y(), m_buttonMask | wheel);
    m_client->sendPointer(point.x(), point.y(), m_buttonMask);
    event->accept();
}

void VncView::onStateChanged(VncClient::State state)
{
    // Without a connection a grab would only take the keyboard away from the user.
    if (state != VncClient::State::Connected)
        setKeyboardGrabbed(false);
    switch (state) {
    case VncClient::State::Connected:
        m_overlay->hide();
        return;
    case VncClient::State::Connecting:
        m_overlayText->setText(tr("Connecting to %1:%2…").arg(m_host).arg(m_port));
        m_reconnectButton->hide();
        break;
    case VncClient::State::Disconnected:
        m_overlayText->setText(m_client->errorString().isEmpty() ? tr("Disconnected") : m_client->errorString());
        m_reconnectButton->setVisible(!m_host.isEmpty());
        break;
    case VncClient::State::Failed:
        m_overlayText->setText(m_client->errorString());
        m_reconnectButton->setVisible(!m_host.isEmpty());
        break;
    }
    releasePressedKeys();
    m_overlay->show();
    m_overlay->raise();
    placeOverlay();
}

void VncView::onFrameResized(const QSize& size)
{
    m_image = QImage(size, QImage::Format_RGB32);
    m_image.fill(Qt::black);
    if (!m_fit)
        setMinimumSize(size);
    updateGeometry();
    updateScaling();
    update();
}

void VncView::onFrameUpdated(const QRect& rect)
{
    const QImage part = m_client->frame(rect);
    if (part.isNull() || m_image.isNull())
        return;
    QPainter painter(&m_image);
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    painter.drawImage(rect.topLeft(), part);
    painter.end();
    update(toWidget(rect));
}

void VncView::onServerClipboard(const QString& text)
{
    m_lastServerClipboard = text;
    QGuiApplication::clipboard()->setText(text);
}

void VncView::onLocalClipboard()
{
    const QString text = QGuiApplication::clipboard()->text();
    // Skip the echo of what the server just gave us.
    if (m_viewOnly || text.isEmpty() || text == m_lastServerClipboard)
        return;
    m_client->sendClipboard(text);
}

} // namespace Knot
