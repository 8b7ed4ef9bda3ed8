#pragma once

#include "ui/terminal/terminalcolorscheme.h"
#include "ui/terminal/terminalfeeder.h"
#include "ui/terminal/terminalsurface.h"

#include <vector>

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

class QLineEdit;
class QWidget;

namespace Knot {

class TerminalSession;

// Paints a TerminalSurface and forwards keys and mouse to it. Bulk output is parsed on a thread of its own
// (TerminalFeeder), so a flood never holds the event loop and reading, parsing and painting overlap; short
// output such as an echo is parsed at once. Repaints are coalesced (a short quiet timer plus a cap under
// constant output) and limited to damaged rows. Lines are laid out once into runs of equal style and cached
// by absolute line number.
class TerminalView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TerminalView(QWidget* parent = nullptr);
    ~TerminalView() override;

    // The view does not own the session; it may be replaced (reconnect) or cleared.
    void setSession(TerminalSession* session);
    TerminalSession* session() const { return m_session; }
    // The parser thread writes to the surface: read it on the GUI thread right after flush() (nothing is
    // parsed until output arrives again through the event loop) or while holding lockSurface().
    TerminalSurface* surface() const { return m_surface; }
    [[nodiscard]] std::unique_lock<std::recursive_mutex> lockSurface() { return m_feeder.lock(); }

    void setColorScheme(const TerminalColorScheme& scheme);
    TerminalColorScheme colorScheme() const { return m_scheme; }
    void setTerminalFont(const QFont& font);
    QFont terminalFont() const { return m_baseFont; }
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void setCopyOnSelect(bool enabled) { m_copyOnSelect = enabled; }
    bool copyOnSelect() const { return m_copyOnSelect; }
    void setScrollbackCapacity(int lines);

    QSize cellSize() const { return {m_cellWidth, m_cellHeight}; }
    // The first line shown and whether the view follows new output (false while the user scrolled up).
    qint64 topLine() const { return m_topLine; }
    bool isFollowingOutput() const { return m_follow; }

    void copy();
    void pasteClipboard();
    void showSearch();
    void hideSearch();
    void findNext(bool backwards = false);
    int searchMatchCount() const { return int(m_matches.size()); }
    // Processes all pending output and damage now instead of waiting for the event loop.
    void flush();
    // Output received but not yet parsed.
    qsizetype pendingOutput() const { return m_feeder.pendingBytes(); }

Q_SIGNALS:
    void titleChanged(const QString& title);
    void bell();
    void sessionClosed(const QString& reason);

protected:
    bool event(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool focusNextPrevChild(bool) override { return false; }

private:
    struct Run
    {
        int column = 0;
        int cells = 0;
        QRgb fg = 0;
        QRgb bg = 0;
        quint16 attrs = 0;
        bool defaultBg = true;
        bool simple = false; // ASCII, one cell each: more cells may join the run
        bool blank = true;   // nothing to draw but the background
        QString text;
    };
    using RowLayout = std::vector<Run>;

    void onOutput(const QByteArray& bytes);
    void onParsed();
    void refreshSoon();
    // Hands the surface's damage to the painter and the scroll bar.
    void flushDamage();
    void onInvalidated(qint64 first, qint64 last, int scrolled);
    void onBell();
    void updateMetrics();
    void updateGrid();
    void updateScrollBar();
    void updateLines(qint64 first, qint64 last);
    void scrollToLine(qint64 line);
    const RowLayout& layout(qint64 line);
    RowLayout buildLayout(qint64 line) const;
    // What a paint reads from the surface, taken under its lock so the drawing itself does not hold the parser.
    struct Frame
    {
        QRgb background = 0;
        qint64 end = 0; // one past the screen's last line
        int rows = 0;
        int columns = 0;
        bool hasSelection = false;
        TerminalPoint selectionStart;
        TerminalPoint selectionEnd;
        TerminalCursor cursor;
        TerminalCell cursorCell;
        QString cursorText;
    };
    Frame takeFrame() const;
    void paintRow(QPainter& painter, int row, const RowLayout& runs) const;
    void paintCursor(QPainter& painter, const Frame& frame) const;
    void paintOverlays(QPainter& painter, const Frame& frame, int firstRow, int lastRow) const;
    TerminalPoint pointAt(const QPoint& pos, bool roundToNearest) const;
    bool reportsMouse(const QMouseEvent* event) const;
    void reportMouse(const QPoint& pos, int button, bool pressed, Qt::KeyboardModifiers modifiers);
    void updateSearch();
    void updateSearch(qint64 first, qint64 last);
    void copySelectionToSelectionClipboard();

    TerminalSurface* m_surface;
    TerminalFeeder m_feeder;              // after the surface: its thread stops before the surface goes
    TerminalSession* m_session = nullptr; // cleared when the session is destroyed
    TerminalColorScheme m_scheme;
    QFont m_baseFont;
    QFont m_fonts[4]; // regular, bold, italic, bold italic
    int m_zoom = 0;
    int m_cellWidth = 8;
    int m_cellHeight = 16;
    int m_ascent = 12;

    QHash<qint64, RowLayout> m_layouts;
    qint64 m_topLine = 0;
    bool m_follow = true;
    bool m_updatingScrollBar = false;

    QTimer m_refreshTimer; // restarted by each chunk: repaint once output pauses
    QTimer m_capTimer;     // never restarted: repaint at least this often under constant output
    QTimer m_bellTimer;
    bool m_bellFlash = false;

    bool m_copyOnSelect = false;
    bool m_selecting = false;
    TerminalPoint m_anchor;
    QElapsedTimer m_lastDoubleClick;
    QPoint m_lastDoubleClickPos;

    QWidget* m_searchBar = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QList<TerminalMatch> m_matches;
    TerminalMatch m_currentMatch;
};

} // namespace Knot
