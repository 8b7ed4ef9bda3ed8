#include "ui/icons.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPixmap>

namespace Knot::Icons {

QIcon app()
{
    return QIcon(QStringLiteral(":/icons/knot-desktop.svg"));
}

QIcon fromSetting(const QString& icon, const QIcon& fallback)
{
    if (!icon.isEmpty()) {
        if (icon.startsWith(u':') || (icon.startsWith(u'/') && QFileInfo::exists(icon))) {
            return QIcon(icon);
        }
        if (!icon.contains(u'/') && QIcon::hasThemeIcon(icon)) {
            return QIcon::fromTheme(icon);
        }
    }
    return fallback.isNull() ? QIcon(QStringLiteral(":/icons/template.svg")) : fallback;
}

QIcon service(ServiceIcon service, const QColor& color)
{
    QString name;
    switch (service) {
    case ServiceIcon::Vnc:
        name = QStringLiteral("vnc");
        break;
    case ServiceIcon::CodeServer:
        name = QStringLiteral("code-server");
        break;
    case ServiceIcon::VscodeTunnel:
        name = QStringLiteral("vscode-tunnel");
        break;
    case ServiceIcon::WebTerminal:
        name = QStringLiteral("terminal");
        break;
    case ServiceIcon::Ports:
        name = QStringLiteral("ports");
        break;
    }
    return tinted(QStringLiteral(":/icons/service-%1.svg").arg(name), color);
}

QString serviceName(ServiceIcon service)
{
    switch (service) {
    case ServiceIcon::Vnc:
        return QGuiApplication::translate("Knot::Icons", "VNC");
    case ServiceIcon::CodeServer:
        return QGuiApplication::translate("Knot::Icons", "Code Server");
    case ServiceIcon::VscodeTunnel:
        return QGuiApplication::translate("Knot::Icons", "VSCode Tunnel");
    case ServiceIcon::WebTerminal:
        return QGuiApplication::translate("Knot::Icons", "Web Terminal");
    case ServiceIcon::Ports:
        return QGuiApplication::translate("Knot::Icons", "Ports");
    }
    return {};
}

QIcon tinted(const QString& resource, const QColor& color, int size)
{
    QIcon result;
    // Render at 1x and 2x so high-DPI screens get crisp strokes.
    for (const qreal scale : {1.0, 2.0}) {
        const int pixels = qRound(size * scale);
        QPixmap pixmap = QIcon(resource).pixmap(QSize(pixels, pixels));
        if (pixmap.isNull()) {
            continue;
        }
        QPainter painter(&pixmap);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(pixmap.rect(), color);
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

QIcon dot(const QColor& color, int size)
{
    QIcon result;
    for (const qreal scale : {1.0, 2.0}) {
        QPixmap pixmap(qRound(size * scale), qRound(size * scale));
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        const qreal inset = pixmap.width() * 0.15;
        painter.drawEllipse(QRectF(pixmap.rect()).adjusted(inset, inset, -inset, -inset));
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace Knot::Icons
