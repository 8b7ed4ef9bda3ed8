#include "ui/yamlhighlighter.h"

#include "ui/palettecolors.h"

namespace Knot {

YamlHighlighter::YamlHighlighter(QTextDocument* document, const QPalette& palette)
    : QSyntaxHighlighter(document)
    // A key: optional list dash, then a plain or quoted name followed by a colon and space/end.
    , m_key(QStringLiteral(R"(^(\s*(?:-\s+)?)([^\s#'"][^:#]*?|"[^"]*"|'[^']*')\s*:(?=\s|$))"))
    , m_string(QStringLiteral(R"("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')"))
    , m_variable(QStringLiteral(R"(\$\{\{.*?\}\})"))
    , m_scalar(QStringLiteral(R"((?<=[:\-]\s)(?:-?\d+(?:\.\d+)?|true|false|null|~)\s*$)"))
{
    setPalette(palette);
}

void YamlHighlighter::setPalette(const QPalette& palette)
{
    const bool dark = PaletteColors::isDark(palette);
    auto color = [dark](const char* light, const char* onDark) { return QColor(QLatin1String(dark ? onDark : light)); };
    m_formats[static_cast<int>(Kind::Key)].setForeground(color("#1f5fb4", "#7fb2f0"));
    m_formats[static_cast<int>(Kind::Key)].setFontWeight(QFont::DemiBold);
    m_formats[static_cast<int>(Kind::String)].setForeground(color("#2e7d32", "#9ccc65"));
    m_formats[static_cast<int>(Kind::Comment)].setForeground(PaletteColors::neutral(palette));
    m_formats[static_cast<int>(Kind::Comment)].setFontItalic(true);
    m_formats[static_cast<int>(Kind::Variable)].setForeground(color("#8e24aa", "#e1a1f0"));
    m_formats[static_cast<int>(Kind::Variable)].setBackground(
        PaletteColors::blend(palette.color(QPalette::Base), color("#8e24aa", "#e1a1f0"), 0.12));
    m_formats[static_cast<int>(Kind::Scalar)].setForeground(color("#b35900", "#f0b46a"));
    rehighlight();
}

void YamlHighlighter::highlightBlock(const QString& text)
{
    // A comment starts at '#' at the line start or after whitespace, outside quotes.
    int commentAt = -1;
    QChar quote;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            }
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'#' && (i == 0 || text[i - 1].isSpace())) {
            commentAt = i;
            break;
        }
    }
    const QString code = commentAt >= 0 ? text.left(commentAt) : text;

    const auto key = m_key.match(code);
    if (key.hasMatch()) {
        setFormat(key.capturedStart(2), key.capturedLength(2), format(Kind::Key));
    }
    for (auto it = m_scalar.globalMatch(code); it.hasNext();) {
        const auto match = it.next();
        setFormat(match.capturedStart(), match.capturedLength(), format(Kind::Scalar));
    }
    const int valueFrom = key.hasMatch() ? key.capturedEnd(0) : 0;
    for (auto it = m_string.globalMatch(code, valueFrom); it.hasNext();) {
        const auto match = it.next();
        setFormat(match.capturedStart(), match.capturedLength(), format(Kind::String));
    }
    // Variables win over everything they sit in, strings included.
    for (auto it = m_variable.globalMatch(code); it.hasNext();) {
        const auto match = it.next();
        setFormat(match.capturedStart(), match.capturedLength(), format(Kind::Variable));
    }
    if (commentAt >= 0) {
        setFormat(commentAt, text.size() - commentAt, format(Kind::Comment));
    }
}

} // namespace Knot
