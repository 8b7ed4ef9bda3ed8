#include "ui/messagewidget.h"

#include "ui/palettecolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace Knot {

MessageWidget::MessageWidget(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
    , m_autoHide(new QTimer(this))
{
    setObjectName(QStringLiteral("messageWidget"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    connect(m_text, &QLabel::linkActivated, this, &MessageWidget::linkActivated);

    m_close->setObjectName(QStringLiteral("messageCloseButton"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close message"));
    connect(m_close, &QToolButton::clicked, this, &MessageWidget::hideMessage);

    m_autoHide->setSingleShot(true);
    connect(m_autoHide, &QTimer::timeout, this, &MessageWidget::hideMessage);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    hide();
}

void MessageWidget::showMessage(const QString& text, Type type)
{
    m_type = type;
    m_text->setText(text);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    if (type == Type::Warning) {
        pixmap = QStyle::SP_MessageBoxWarning;
    } else if (type == Type::Error) {
        pixmap = QStyle::SP_MessageBoxCritical;
    }
    m_icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(size, size));
    applyColors();
    show();
    m_autoHide->stop();
    if (type == Type::Info && m_autoHideTimeout > 0) {
        m_autoHide->start(m_autoHideTimeout);
    }
}

void MessageWidget::hideMessage()
{
    m_autoHide->stop();
    hide();
}

QString MessageWidget::text() const
{
    return m_text->text();
}

void MessageWidget::setAutoHideTimeout(int milliseconds)
{
    m_autoHideTimeout = milliseconds;
}

void MessageWidget::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyColors();
    }
}

void MessageWidget::applyColors()
{
    // Tint the window colour towards the message colour so the bar reads in light and dark themes.
    QColor accent = PaletteColors::info(palette());
    if (m_type == Type::Warning) {
        accent = PaletteColors::warning(palette());
    } else if (m_type == Type::Error) {
        accent = PaletteColors::error(palette());
    }
    QPalette p = palette();
    p.setColor(QPalette::Window, PaletteColors::blend(p.color(QPalette::Base), accent, 0.2));
    p.setColor(QPalette::Light, accent);
    p.setColor(QPalette::Dark, accent);
    p.setColor(QPalette::Mid, accent);
    // setPalette triggers PaletteChange: block recursion by comparing first.
    if (p != palette()) {
        setPalette(p);
    }
}

} // namespace Knot
