#pragma once

#include "core/model/diagnostic.h"

#include <QPlainTextEdit>

namespace Knot {

class YamlHighlighter;

// A YAML text editor for template documents: syntax highlighting, line numbers, and the
// validator's diagnostics as gutter markers (with the message as tooltip) and underlined lines.
class YamlEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit YamlEditor(QWidget* parent = nullptr);

    void setDiagnostics(const Diagnostics& diagnostics);
    const Diagnostics& diagnostics() const { return m_diagnostics; }
    // The most severe diagnostic on 1-based `line`, if any: what the gutter marks there.
    std::optional<Diagnostic> markerAt(int line) const;
    // Moves the cursor to a 1-based line and column and shows it.
    void goToLine(int line, int column = 1);
    QWidget* lineNumberArea() const { return m_gutter; }
    YamlHighlighter* highlighter() const { return m_highlighter; }

    // Called by the gutter widget.
    int gutterWidth() const;
    void paintGutter(QPaintEvent* event);
    QString gutterToolTip(int y) const;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect& rect, int dy);
    void updateSelections();
    int lineAt(int y) const;

    QWidget* m_gutter;
    YamlHighlighter* m_highlighter;
    Diagnostics m_diagnostics;
};

} // namespace Knot
