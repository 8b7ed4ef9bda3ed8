#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Knot {

// Highlights knot template YAML: mapping keys, quoted strings, comments and ${{ }} variables.
// Colours come from the palette's lightness so they read on light and dark themes.
class YamlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Kind
    {
        Key,
        String,
        Comment,
        Variable,
        Scalar, // numbers, booleans, null
    };

    YamlHighlighter(QTextDocument* document, const QPalette& palette);

    void setPalette(const QPalette& palette);
    QTextCharFormat format(Kind kind) const { return m_formats[static_cast<int>(kind)]; }

protected:
    void highlightBlock(const QString& text) override;

private:
    std::array<QTextCharFormat, 5> m_formats;
    QRegularExpression m_key;
    QRegularExpression m_string;
    QRegularExpression m_variable;
    QRegularExpression m_scalar;
};

} // namespace Knot
