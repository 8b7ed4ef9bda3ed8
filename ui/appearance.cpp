#include "ui/appearance.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Knot {

Appearance::Appearance() : m_systemStyle(QApplication::style()->name()), m_systemPalette(QApplication::palette()) { }

void Appearance::apply(AppSettings::Style style, AppSettings::Theme theme)
{
    // Explicit light/dark palettes are only reliable with Fusion; native styles may ignore them.
    const bool fusion = style == AppSettings::Style::Fusion || theme != AppSettings::Theme::System;
    const QString name = fusion ? QStringLiteral("Fusion") : m_systemStyle;
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0) {
        QApplication::setStyle(QStyleFactory::create(name));
    }
    switch (theme) {
    case AppSettings::Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    case AppSettings::Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case AppSettings::Theme::System:
        QApplication::setPalette(
            fusion && style == AppSettings::Style::Fusion ? QApplication::style()->standardPalette() : m_systemPalette);
        break;
    }
}

QPalette Appearance::darkPalette()
{
    const QColor window(QStringLiteral("#2b2d30"));
    const QColor base(QStringLiteral("#1f2023"));
    const QColor text(QStringLiteral("#e6e6e6"));
    const QColor disabled(QStringLiteral("#7c7f85"));
    const QColor highlight(QStringLiteral("#3d6fd6"));
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(QStringLiteral("#ff6b6b")));
    palette.setColor(QPalette::Light, window.lighter(150));
    palette.setColor(QPalette::Midlight, window.lighter(125));
    palette.setColor(QPalette::Mid, window.darker(120));
    palette.setColor(QPalette::Dark, window.darker(150));
    palette.setColor(QPalette::Shadow, QColor(QStringLiteral("#101012")));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, QColor(QStringLiteral("#ffffff")));
    palette.setColor(QPalette::Link, QColor(QStringLiteral("#7aa7ff")));
    palette.setColor(QPalette::LinkVisited, QColor(QStringLiteral("#b39ddb")));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, disabled);
    }
    palette.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(130));
    return palette;
}

QPalette Appearance::lightPalette()
{
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette palette = fusion->standardPalette();
    delete fusion;
    return palette;
}

} // namespace Knot
