#pragma once

#include "ui/terminal/terminalcell.h"

#include <limits>
#include <memory>
#include <span>

#include <QByteArray>
#include <QObject>
#include <QString>

namespace Knot {

// The terminal's state without any widget: libvterm's state layer parses the byte stream and this class
// keeps the screen model (a ring of lines holding scrollback and screen, so scrolling moves an index and
// not the cells). Lines are addressed by absolute numbers that never change while a line is kept.
class TerminalSurface : public QObject
{
    Q_OBJECT

public:
    enum class MouseMode
    {
        None,
        Click,
        Drag,
        Move
    };

    static constexpr int DefaultScrollback = 10000;

    explicit TerminalSurface(int rows = 24, int columns = 80, QObject* parent = nullptr);
    ~TerminalSurface() override;

    // Parses output of the program. Damage is collected until flush().
    void write(const QByteArray& bytes);
    void write(const char* bytes, qsizetype length);
    // Emits one invalidated() for everything that changed since the last flush, then cursor/scroll signals.
    void flush();
    // Plain ASCII text skips libvterm's per-character work (TerminalTextScanner). On by default; off only to
    // compare the two paths in tests and benchmarks.
    void setPlainTextShortcut(bool enabled);

    void resize(int rows, int columns);
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }

    void setScrollbackCapacity(int lines);
    int scrollbackCapacity() const { return m_scrollbackCapacity; }

    // Line numbering: lines firstLine() … screenTop() + rows() - 1 exist; screenTop() is the screen's row 0.
    qint64 firstLine() const;
    qint64 screenTop() const;
    int scrollbackLines() const { return int(screenTop() - firstLine()); }

    // Cells stored for a line; may be shorter than columns() (the rest is blank) or longer after a resize.
    std::span<const TerminalCell> line(qint64 line) const;
    // Base character plus combining marks of a cell, as UTF-32.
    std::u32string cellText(qint64 line, int column) const;
    // Whether the line continues on the next one (it was wrapped automatically).
    bool isWrapped(qint64 line) const;
    // Convenience for screen coordinates.
    TerminalCell cell(int row, int column) const;
    // The line's text, one entry per cell (wide characters once), trailing blanks removed.
    QString lineText(qint64 line) const;
    QString screenText(int row) const { return lineText(screenTop() + row); }

    TerminalCursor cursor() const { return m_cursor; }
    QString title() const { return m_title; }
    bool isAltScreen() const { return m_altScreen; }
    bool isReverseVideo() const { return m_reverseVideo; }
    MouseMode mouseMode() const { return m_mouseMode; }
    bool bracketedPasteMode() const;

    // Input. Each produces bytes through sendToSession(). Returns false when the key means nothing.
    bool sendKey(int qtKey, Qt::KeyboardModifiers modifiers, const QString& text);
    void sendText(const QString& text);
    void paste(const QString& text);
    // Mouse reporting in grid coordinates; buttons 1–3, 4/5 for the wheel.
    void mouseMove(int row, int column, Qt::KeyboardModifiers modifiers);
    void mouseButton(int button, bool pressed, Qt::KeyboardModifiers modifiers);
    void focusChanged(bool focused);

    // Selection in absolute coordinates, start inclusive, end exclusive, normalized.
    void setSelection(TerminalPoint anchor, TerminalPoint end);
    void clearSelection();
    bool hasSelection() const { return m_hasSelection; }
    TerminalPoint selectionStart() const { return m_selectionStart; }
    TerminalPoint selectionEnd() const { return m_selectionEnd; }
    bool isSelected(qint64 line, int column) const;
    QString selectedText() const;
    void selectWord(TerminalPoint at);
    void selectLine(TerminalPoint at);

    // Matches in lines [first, last] (clamped to what is kept), in order.
    QList<TerminalMatch> findAll(const QString& needle,
                                 Qt::CaseSensitivity cs = Qt::CaseInsensitive,
                                 qint64 first = 0,
                                 qint64 last = std::numeric_limits<qint64>::max()) const;
    // The first match after (or before, backwards) `from`, wrapping around; length 0 when there is none.
    TerminalMatch findNext(const QString& needle,
                           TerminalPoint from,
                           bool backwards,
                           Qt::CaseSensitivity cs = Qt::CaseInsensitive) const;

    // The URL under a cell, empty when there is none.
    QString urlAt(TerminalPoint at) const;

Q_SIGNALS:
    // Lines [first, last] (absolute) need repainting; `scrolled` says the screen moved up since last flush.
    void invalidated(qint64 first, qint64 last, int scrolled);
    void cursorChanged(const TerminalCursor& cursor);
    void titleChanged(const QString& title);
    void altScreenChanged(bool alt);
    void mouseModeChanged(MouseMode mode);
    void bell();
    void sendToSession(const QByteArray& bytes);
    void selectionChanged();

private:
    struct Private;
    friend struct Private;

    QString textBetween(TerminalPoint start, TerminalPoint end) const;
    void clampSelection();
    std::pair<qint64, qint64> logicalLine(qint64 line) const;

    std::unique_ptr<Private> d;
    int m_rows;
    int m_columns;
    int m_scrollbackCapacity = DefaultScrollback;
    TerminalCursor m_cursor;
    QString m_title;
    bool m_altScreen = false;
    bool m_reverseVideo = false;
    MouseMode m_mouseMode = MouseMode::None;
    bool m_hasSelection = false;
    TerminalPoint m_selectionStart;
    TerminalPoint m_selectionEnd;
};

} // namespace Knot
