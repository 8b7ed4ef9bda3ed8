#include "ui/yamleditor.h"

#include "ui/palettecolors.h"
#include "ui/yamlhighlighter.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace Knot {

namespace {

// The line number strip; it only forwards painting and tooltips to the editor.
class Gutter : public QWidget
{
public:
    explicit Gutter(YamlEditor* editor) : QWidget(editor), m_editor(editor)
    {
        setObjectName(QStringLiteral("lineNumberArea"));
    }

    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintGutter(event); }

    bool event(QEvent* event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            const QString text = m_editor->gutterToolTip(help->pos().y());
            if (text.isEmpty()) {
                QToolTip::hideText();
            } else {
                QToolTip::showText(help->globalPos(), text, this);
            }
            return true;
        }
        return QWidget::event(event);
    }

private:
    YamlEditor* m_editor;
};

constexpr int MarkerWidth = 14;

} // namespace

YamlEditor::YamlEditor(QWidget* parent)
    : QPlainTextEdit(parent), m_gutter(new Gutter(this)), m_highlighter(new YamlHighlighter(document(), palette()))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true); // YAML wants spaces; Tab moves on like in other fields
    connect(this, &QPlainTextEdit::blockCountChanged, this, &YamlEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &YamlEditor::updateGutter);
    updateGutterWidth();
}

void YamlEditor::setDiagnostics(const Diagnostics& diagnostics)
{
    m_diagnostics = diagnostics;
    updateSelections();
    m_gutter->update();
}

std::optional<Diagnostic> YamlEditor::markerAt(int line) const
{
    std::optional<Diagnostic> found;
    for (const Diagnostic& diagnostic : m_diagnostics) {
        if (diagnostic.line == line && (!found || (diagnostic.isError() && !found->isError()))) {
            found = diagnostic;
        }
    }
    return found;
}

void YamlEditor::goToLine(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(std::max(0, line - 1));
    if (!block.isValid()) {
        return;
    }
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::clamp(column - 1, 0, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

int YamlEditor::gutterWidth() const
{
    const int digits = QString::number(std::max(1, blockCount())).size();
    return MarkerWidth + 6 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(2, digits);
}

void YamlEditor::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    const QPalette& p = palette();
    painter.fillRect(event->rect(), PaletteColors::blend(p.color(QPalette::Base), p.color(QPalette::Text), 0.05));
    painter.setRenderHint(QPainter::Antialiasing);

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            const bool current = block == textCursor().block();
            painter.setPen(current ? p.color(QPalette::Text) : PaletteColors::neutral(p));
            painter.drawText(MarkerWidth,
                             top,
                             m_gutter->width() - MarkerWidth - 4,
                             lineHeight,
                             Qt::AlignRight,
                             QString::number(line));
            if (const auto marker = markerAt(line)) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(marker->isError() ? PaletteColors::error(p) : PaletteColors::warning(p));
                const qreal size = std::min(10, lineHeight - 4);
                painter.drawEllipse(QRectF(3, top + (lineHeight - size) / 2.0, size, size));
            }
        }
        block = block.next();
        top = bottom;
    }
}

QString YamlEditor::gutterToolTip(int y) const
{
    const int line = lineAt(y);
    QStringList messages;
    for (const Diagnostic& diagnostic : m_diagnostics) {
        if (diagnostic.line == line) {
            messages.append(diagnostic.toString());
        }
    }
    return messages.join(u'\n');
}

void YamlEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_gutter->setGeometry(contents.left(), contents.top(), gutterWidth(), contents.height());
}

void YamlEditor::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->setPalette(palette());
        updateSelections();
    } else if (event->type() == QEvent::FontChange) {
        updateGutterWidth();
    }
}

void YamlEditor::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void YamlEditor::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0) {
        m_gutter->scroll(0, dy);
    } else {
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    }
    if (rect.contains(viewport()->rect())) {
        updateGutterWidth();
    }
}

void YamlEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    for (const Diagnostic& diagnostic : m_diagnostics) {
        const QTextBlock block = document()->findBlockByNumber(diagnostic.line - 1);
        if (diagnostic.line <= 0 || !block.isValid()) {
            continue;
        }
        const QColor color = diagnostic.isError() ? PaletteColors::error(palette()) : PaletteColors::warning(palette());
        QTextEdit::ExtraSelection line;
        line.format.setBackground(PaletteColors::blend(palette().color(QPalette::Base), color, 0.12));
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(block);
        selections.append(line);

        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(color);
        underline.cursor = QTextCursor(block);
        underline.cursor.movePosition(
            QTextCursor::Right, QTextCursor::MoveAnchor, std::clamp(diagnostic.column - 1, 0, block.length() - 1));
        underline.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        if (!underline.cursor.hasSelection()) {
            underline.cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
        }
        selections.append(underline);
    }
    setExtraSelections(selections);
}

int YamlEditor::lineAt(int y) const
{
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (y >= top && y < bottom) {
            return block.blockNumber() + 1;
        }
        block = block.next();
        top = bottom;
    }
    return 0;
}

} // namespace Knot
