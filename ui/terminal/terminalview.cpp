#include "ui/terminal/terminalview.h"

#include "ui/terminal/terminalsession.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QScrollBar>
#include <QToolButton>
#include <QUrl>

namespace Knot {

namespace {

constexpr int RefreshDelayMs = 16;
constexpr int RefreshCapMs = 50;
constexpr int BellFlashMs = 120;
// Output up to this size that finds nothing queued (an echo, a prompt) is parsed on the GUI thread at once:
// the hop to the parser thread and back would only delay it.
constexpr qsizetype ParseNowBytes = 1024;
// With more queued than this the session is asked to pause its output, and to resume below the second.
constexpr qsizetype PauseAboveBytes = 1024 * 1024;
constexpr qsizetype ResumeBelowBytes = 256 * 1024;
// A session that cannot pause: beyond this, the GUI thread parses too, until half is left. It bounds memory
// when a program writes faster than the surface parses; not reading the session meanwhile is the back pressure.
constexpr qsizetype MaxPendingBytes = 8 * 1024 * 1024;

int fontIndex(quint16 attrs)
{
    return (attrs & TerminalCell::Bold ? 1 : 0) + (attrs & TerminalCell::Italic ? 2 : 0);
}

QColor withAlpha(QRgb rgb, int alpha)
{
    QColor color = QColor::fromRgb(rgb);
    color.setAlpha(alpha);
    return color;
}

} // namespace

TerminalView::TerminalView(QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_surface(new TerminalSurface(24, 80, this))
    , m_feeder(m_surface)
    , m_baseFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setCursor(Qt::IBeamCursor);
    verticalScrollBar()->setSingleStep(1);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelayMs);
    m_capTimer.setSingleShot(true);
    m_capTimer.setInterval(RefreshCapMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TerminalView::flushDamage);
    connect(&m_capTimer, &QTimer::timeout, this, &TerminalView::flushDamage);
    connect(&m_feeder, &TerminalFeeder::parsed, this, &TerminalView::onParsed);
    m_bellTimer.setSingleShot(true);
    connect(&m_bellTimer, &QTimer::timeout, this, [this] {
        m_bellFlash = false;
        viewport()->update();
    });

    connect(m_surface, &TerminalSurface::invalidated, this, &TerminalView::onInvalidated);
    connect(m_surface, &TerminalSurface::titleChanged, this, &TerminalView::titleChanged);
    connect(m_surface, &TerminalSurface::bell, this, &TerminalView::onBell);
    connect(m_surface, &TerminalSurface::selectionChanged, viewport(), qOverload<>(&QWidget::update));
    connect(m_surface, &TerminalSurface::sendToSession, this, [this](const QByteArray& bytes) {
        if (m_session)
            m_session->write(bytes);
    });
    // Signals the surface emits while the parser thread writes arrive queued; what reads the surface locks it.
    connect(m_surface, &TerminalSurface::altScreenChanged, this, [this] {
        const auto surface = m_feeder.lock();
        m_layouts.clear();
        if (m_searchBar && m_searchBar->isVisible())
            updateSearch();
        m_follow = true;
        viewport()->update();
    });
    connect(m_surface, &TerminalSurface::cursorChanged, this, [this](const TerminalCursor& cursor) {
        const auto surface = m_feeder.lock();
        const qint64 line = m_surface->screenTop() + cursor.row;
        updateLines(line, line);
    });
    updateMetrics();
}

TerminalView::~TerminalView() = default;

void TerminalView::setSession(TerminalSession* session)
{
    if (m_session) {
        m_session->disconnect(this);
        m_session->setOutputPaused(false);
    }
    m_session = session;
    if (!session)
        return;
    connect(session, &TerminalSession::output, this, &TerminalView::onOutput);
    connect(session, &TerminalSession::closed, this, &TerminalView::sessionClosed);
    connect(session, &QObject::destroyed, this, [this, session] {
        if (m_session == session)
            m_session = nullptr;
    });
    session->resize(m_surface->rows(), m_surface->columns());
}

void TerminalView::setColorScheme(const TerminalColorScheme& scheme)
{
    m_scheme = scheme;
    m_layouts.clear();
    viewport()->update();
}

void TerminalView::setTerminalFont(const QFont& font)
{
    m_baseFont = font;
    updateMetrics();
}

void TerminalView::zoomIn()
{
    ++m_zoom;
    updateMetrics();
}

void TerminalView::zoomOut()
{
    if (m_baseFont.pointSizeF() + m_zoom - 1 >= 4)
        --m_zoom;
    updateMetrics();
}

void TerminalView::resetZoom()
{
    m_zoom = 0;
    updateMetrics();
}

void TerminalView::setScrollbackCapacity(int lines)
{
    const auto surface = m_feeder.lock();
    m_surface->setScrollbackCapacity(lines);
    flushDamage();
}

void TerminalView::updateMetrics()
{
    QFont font = m_baseFont;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(std::max(4.0, font.pointSizeF() + m_zoom));
    font.setStyleHint(QFont::TypeWriter);
    font.setKerning(false);
    for (int i = 0; i < 4; ++i) {
        m_fonts[i] = font;
        m_fonts[i].setBold(i & 1);
        m_fonts[i].setItalic(i & 2);
    }
    const QFontMetrics metrics(font);
    m_cellWidth = std::max(1, metrics.horizontalAdvance(QLatin1Char('M')));
    m_cellHeight = std::max(1, metrics.height());
    m_ascent = metrics.ascent();
    updateGrid();
    viewport()->update();
}

void TerminalView::updateGrid()
{
    const auto surface = m_feeder.lock();
    const int rows = std::max(1, viewport()->height() / m_cellHeight);
    const int columns = std::max(1, viewport()->width() / m_cellWidth);
    if (m_searchBar) {
        m_searchBar->adjustSize();
        m_searchBar->move(viewport()->geometry().right() - m_searchBar->width() - 4, viewport()->y() + 4);
    }
    if (rows == m_surface->rows() && columns == m_surface->columns())
        return;
    m_surface->resize(rows, columns);
    m_layouts.clear();
    // The exec side debounces; the view reports every size it takes.
    if (m_session)
        m_session->resize(rows, columns);
    flushDamage();
    viewport()->update();
}

void TerminalView::onOutput(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return;
    if (bytes.size() <= ParseNowBytes && m_feeder.parseNow(bytes)) {
        refreshSoon();
        return;
    }
    m_feeder.append(bytes);
    const qsizetype pending = m_feeder.pendingBytes();
    if (pending > PauseAboveBytes && m_session)
        m_session->setOutputPaused(true);
    if (pending > MaxPendingBytes) {
        m_feeder.drain(MaxPendingBytes / 2);
        refreshSoon();
    }
}

void TerminalView::onParsed()
{
    m_feeder.acknowledge();
    if (m_feeder.pendingBytes() < ResumeBelowBytes && m_session)
        m_session->setOutputPaused(false);
    refreshSoon();
}

void TerminalView::refreshSoon()
{
    m_refreshTimer.start();
    if (!m_capTimer.isActive())
        m_capTimer.start();
}

void TerminalView::flush()
{
    m_feeder.drain();
    flushDamage();
}

void TerminalView::flushDamage()
{
    const auto surface = m_feeder.lock();
    m_refreshTimer.stop();
    m_capTimer.stop();
    m_surface->flush();
    updateScrollBar();
}

void TerminalView::onInvalidated(qint64 first, qint64 last, int scrolled)
{
    const auto surface = m_feeder.lock();
    first = std::max(first, m_surface->firstLine());
    if (last - first + 1 > m_layouts.size()) {
        for (auto it = m_layouts.begin(); it != m_layouts.end();)
            it = it.key() >= first && it.key() <= last ? m_layouts.erase(it) : std::next(it);
    } else {
        for (qint64 line = first; line <= last; ++line)
            m_layouts.remove(line);
    }
    const qint64 oldTop = m_topLine;
    updateScrollBar();
    if (scrolled != 0 || oldTop != m_topLine) {
        viewport()->update();
    } else {
        updateLines(first, last);
    }
    if (m_searchBar && m_searchBar->isVisible())
        updateSearch(first, last);
}

void TerminalView::updateScrollBar()
{
    const auto surface = m_feeder.lock();
    const qint64 firstLine = m_surface->firstLine();
    const qint64 bottom = m_surface->screenTop();
    // Scrolled up, the view keeps showing the same lines until they leave the scrollback.
    m_topLine = m_follow ? bottom : std::clamp(m_topLine, firstLine, bottom);
    if (m_topLine == bottom)
        m_follow = true;
    QScrollBar* bar = verticalScrollBar();
    m_updatingScrollBar = true;
    bar->setRange(0, int(bottom - firstLine));
    bar->setPageStep(m_surface->rows());
    bar->setValue(int(m_topLine - firstLine));
    m_updatingScrollBar = false;
}

void TerminalView::scrollContentsBy(int, int)
{
    if (m_updatingScrollBar)
        return;
    QScrollBar* bar = verticalScrollBar();
    const auto surface = m_feeder.lock();
    m_topLine = m_surface->firstLine() + bar->value();
    m_follow = bar->value() == bar->maximum();
    viewport()->update();
}

void TerminalView::scrollToLine(qint64 line)
{
    const int rows = m_surface->rows();
    if (line >= m_topLine && line < m_topLine + rows)
        return;
    m_topLine = line - rows / 2;
    m_follow = false;
    updateScrollBar();
    viewport()->update();
}

void TerminalView::updateLines(qint64 first, qint64 last)
{
    const qint64 visibleLast = m_topLine + m_surface->rows();
    first = std::max(first, m_topLine);
    last = std::min(last, visibleLast);
    if (first > last)
        return;
    const int y = int(first - m_topLine) * m_cellHeight;
    const int height = int(last - first + 1) * m_cellHeight;
    viewport()->update(0, y, viewport()->width(), height);
}

const TerminalView::RowLayout& TerminalView::layout(qint64 line)
{
    auto it = m_layouts.find(line);
    if (it == m_layouts.end())
        it = m_layouts.insert(line, buildLayout(line));
    return *it;
}

TerminalView::RowLayout TerminalView::buildLayout(qint64 line) const
{
    RowLayout runs;
    const auto cells = m_surface->line(line);
    const int count = std::min(int(cells.size()), m_surface->columns());
    const bool screenReverse = m_surface->isReverseVideo();
    for (int c = 0; c < count; ++c) {
        const TerminalCell& cell = cells[size_t(c)];
        if (cell.width == 0)
            continue;
        const bool bold = cell.attrs & TerminalCell::Bold;
        QRgb fg = m_scheme.resolve(cell.fg, true, bold);
        QRgb bg = m_scheme.resolve(cell.bg, false);
        bool defaultBg = cell.bg.isDefault();
        if (bool(cell.attrs & TerminalCell::Reverse) != screenReverse) {
            std::swap(fg, bg);
            defaultBg = false;
        }
        const char32_t ch = cell.ch ? cell.ch : U' ';
        const bool simple = ch < 0x7f && cell.width == 1 && !(cell.attrs & TerminalCell::HasCombining);
        const bool decorated = cell.attrs
                               & (TerminalCell::Underline | TerminalCell::DoubleUnderline | TerminalCell::CurlyUnderline
                                  | TerminalCell::Strike);
        if (simple && !runs.empty()) {
            Run& run = runs.back();
            if (run.simple && run.fg == fg && run.bg == bg && run.attrs == cell.attrs && run.defaultBg == defaultBg
                && run.column + run.cells == c) {
                run.text += QChar(char16_t(ch));
                ++run.cells;
                run.blank = run.blank && ch == U' ' && !decorated;
                continue;
            }
        }
        Run run;
        run.column = c;
        run.cells = std::min<int>(cell.width, m_surface->columns() - c);
        run.fg = fg;
        run.bg = bg;
        run.attrs = cell.attrs;
        run.defaultBg = defaultBg;
        run.simple = simple;
        run.blank = ch == U' ' && !decorated;
        if (simple) {
            run.text = QChar(char16_t(ch));
        } else {
            const std::u32string text = m_surface->cellText(line, c);
            run.text = QString::fromUcs4(text.data(), qsizetype(text.size()));
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

TerminalView::Frame TerminalView::takeFrame() const
{
    Frame frame;
    frame.background = m_surface->isReverseVideo() ? m_scheme.foreground() : m_scheme.background();
    frame.rows = m_surface->rows();
    frame.columns = m_surface->columns();
    frame.end = m_surface->screenTop() + frame.rows;
    frame.hasSelection = m_surface->hasSelection();
    frame.selectionStart = m_surface->selectionStart();
    frame.selectionEnd = m_surface->selectionEnd();
    frame.cursor = m_surface->cursor();
    if (frame.cursor.visible && frame.cursor.row < frame.rows) {
        frame.cursorCell = m_surface->cell(frame.cursor.row, frame.cursor.column);
        const std::u32string text = m_surface->cellText(m_surface->screenTop() + frame.cursor.row, frame.cursor.column);
        frame.cursorText = QString::fromUcs4(text.data(), qsizetype(text.size()));
    }
    return frame;
}

void TerminalView::paintEvent(QPaintEvent* event)
{
    const QRect rect = event->rect();
    const int firstRow = std::max(0, rect.top() / m_cellHeight);
    Frame frame;
    int lastRow = 0;
    {
        const auto surface = m_feeder.lock();
        frame = takeFrame();
        lastRow = std::min(int(frame.end - m_topLine) - 1, rect.bottom() / m_cellHeight);
        for (int row = firstRow; row <= lastRow; ++row)
            layout(m_topLine + row);
    }

    QPainter painter(viewport());
    painter.fillRect(rect, QColor::fromRgb(frame.background));
    for (int row = firstRow; row <= lastRow; ++row)
        paintRow(painter, row, *m_layouts.constFind(m_topLine + row));
    paintOverlays(painter, frame, firstRow, lastRow);
    paintCursor(painter, frame);
    if (m_bellFlash)
        painter.fillRect(rect, withAlpha(m_scheme.foreground(), 50));

    // Keep the cache to what is on screen (plus a screen above and below for scrolling).
    if (m_layouts.size() > 4 * frame.rows) {
        for (auto it = m_layouts.begin(); it != m_layouts.end();) {
            const bool near = it.key() >= m_topLine - frame.rows && it.key() < m_topLine + 2 * frame.rows;
            it = near ? std::next(it) : m_layouts.erase(it);
        }
    }
}

void TerminalView::paintRow(QPainter& painter, int row, const RowLayout& runs) const
{
    const int y = row * m_cellHeight;
    for (const Run& run : runs) {
        if (!run.defaultBg)
            painter.fillRect(
                run.column * m_cellWidth, y, run.cells * m_cellWidth, m_cellHeight, QColor::fromRgb(run.bg));
    }
    int currentFont = -1;
    QRgb currentPen = 0;
    for (const Run& run : runs) {
        if (run.blank)
            continue;
        const int font = fontIndex(run.attrs);
        if (font != currentFont) {
            painter.setFont(m_fonts[font]);
            currentFont = font;
        }
        if (run.fg != currentPen || currentPen == 0) {
            painter.setPen(QColor::fromRgb(run.fg));
            currentPen = run.fg;
        }
        const int x = run.column * m_cellWidth;
        painter.drawText(QPoint(x, y + m_ascent), run.text);
        const int width = run.cells * m_cellWidth;
        if (run.attrs & (TerminalCell::Underline | TerminalCell::CurlyUnderline))
            painter.drawLine(x, y + m_ascent + 2, x + width - 1, y + m_ascent + 2);
        if (run.attrs & TerminalCell::DoubleUnderline) {
            painter.drawLine(x, y + m_ascent + 1, x + width - 1, y + m_ascent + 1);
            painter.drawLine(x, y + m_ascent + 3, x + width - 1, y + m_ascent + 3);
        }
        if (run.attrs & TerminalCell::Strike)
            painter.drawLine(x, y + m_ascent * 2 / 3, x + width - 1, y + m_ascent * 2 / 3);
    }
}

void TerminalView::paintOverlays(QPainter& painter, const Frame& frame, int firstRow, int lastRow) const
{
    const int columns = frame.columns;
    auto highlight = [&](TerminalPoint start, TerminalPoint end, const QColor& color) {
        for (qint64 line = std::max(start.line, m_topLine + firstRow); line <= end.line; ++line) {
            const int row = int(line - m_topLine);
            if (row > lastRow)
                break;
            const int from = line == start.line ? start.column : 0;
            const int to = line == end.line ? std::min(end.column, columns) : columns;
            if (to > from)
                painter.fillRect(
                    from * m_cellWidth, row * m_cellHeight, (to - from) * m_cellWidth, m_cellHeight, color);
        }
    };
    for (const TerminalMatch& match : std::as_const(m_matches)) {
        if (match.start.line < m_topLine + firstRow || match.start.line > m_topLine + lastRow)
            continue;
        const bool current = match == m_currentMatch;
        highlight(match.start,
                  {match.start.line, match.start.column + match.length},
                  withAlpha(m_scheme.searchMatch(), current ? 230 : 120));
    }
    if (frame.hasSelection)
        highlight(frame.selectionStart, frame.selectionEnd, withAlpha(m_scheme.selection(), 140));
}

void TerminalView::paintCursor(QPainter& painter, const Frame& frame) const
{
    const TerminalCursor& cursor = frame.cursor;
    if (!cursor.visible)
        return;
    const qint64 line = frame.end - frame.rows + cursor.row;
    const int row = int(line - m_topLine);
    if (row < 0 || row >= frame.rows)
        return;
    const TerminalCell& cell = frame.cursorCell;
    const QRect rect(
        cursor.column * m_cellWidth, row * m_cellHeight, m_cellWidth * std::max<int>(cell.width, 1), m_cellHeight);
    const QColor color = QColor::fromRgb(m_scheme.cursor());
    if (!hasFocus()) {
        painter.setPen(color);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
        return;
    }
    switch (cursor.shape) {
    case TerminalCursor::Underline:
        painter.fillRect(rect.left(), rect.bottom() - 1, rect.width(), 2, color);
        break;
    case TerminalCursor::Bar:
        painter.fillRect(rect.left(), rect.top(), 2, rect.height(), color);
        break;
    case TerminalCursor::Block: {
        painter.fillRect(rect, color);
        painter.setPen(QColor::fromRgb(m_scheme.background()));
        painter.setFont(m_fonts[fontIndex(cell.attrs)]);
        painter.drawText(QPoint(rect.left(), rect.top() + m_ascent), frame.cursorText);
        break;
    }
    }
}

void TerminalView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateGrid();
}

bool TerminalView::event(QEvent* event)
{
    // The terminal needs Ctrl and Alt keys; Ctrl+Shift combinations stay available for shortcuts.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* keyEvent = static_cast<QKeyEvent*>(event);
        const Qt::KeyboardModifiers mods = keyEvent->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier);
        if (mods != (Qt::ControlModifier | Qt::ShiftModifier)) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

// In the search field: Enter goes to the next (older) match, Shift+Enter back, Escape closes.
bool TerminalView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_searchEdit && event->type() == QEvent::KeyPress) {
        const auto* keyEvent = static_cast<QKeyEvent*>(event);
        if (keyEvent->key() == Qt::Key_Escape) {
            hideSearch();
            return true;
        }
        if (keyEvent->key() == Qt::Key_Return || keyEvent->key() == Qt::Key_Enter) {
            findNext(!(keyEvent->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    return QAbstractScrollArea::eventFilter(watched, event);
}

void TerminalView::keyPressEvent(QKeyEvent* event)
{
    const auto surface = m_feeder.lock();
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    const int key = event->key();
    const bool ctrlShift = mods == (Qt::ControlModifier | Qt::ShiftModifier);
    const bool ctrl = mods == Qt::ControlModifier;
    if (ctrlShift && key == Qt::Key_C) {
        copy();
    } else if (ctrlShift && key == Qt::Key_V) {
        pasteClipboard();
    } else if (ctrlShift && key == Qt::Key_F) {
        showSearch();
    } else if ((ctrl || ctrlShift) && (key == Qt::Key_Plus || key == Qt::Key_Equal)) {
        zoomIn();
    } else if (ctrl && key == Qt::Key_Minus) {
        zoomOut();
    } else if (ctrl && key == Qt::Key_0) {
        resetZoom();
    } else if (mods == Qt::ShiftModifier && (key == Qt::Key_PageUp || key == Qt::Key_PageDown)) {
        verticalScrollBar()->triggerAction(key == Qt::Key_PageUp ? QAbstractSlider::SliderPageStepSub
                                                                 : QAbstractSlider::SliderPageStepAdd);
    } else if (m_surface->sendKey(key, event->modifiers(), event->text())) {
        if (!m_follow) {
            m_follow = true;
            updateScrollBar();
            viewport()->update();
        }
    } else {
        event->ignore();
        return;
    }
    event->accept();
}

TerminalPoint TerminalView::pointAt(const QPoint& pos, bool roundToNearest) const
{
    const int columns = m_surface->columns();
    const int column = roundToNearest ? (pos.x() + m_cellWidth / 2) / m_cellWidth : pos.x() / m_cellWidth;
    const int row = pos.y() < 0 ? -1 : pos.y() / m_cellHeight;
    const qint64 last = m_surface->screenTop() + m_surface->rows() - 1;
    const qint64 line = std::clamp(m_topLine + row, m_surface->firstLine(), last);
    return {line, std::clamp(column, 0, roundToNearest ? columns : columns - 1)};
}

bool TerminalView::reportsMouse(const QMouseEvent* event) const
{
    return m_surface->mouseMode() != TerminalSurface::MouseMode::None && !(event->modifiers() & Qt::ShiftModifier);
}

void TerminalView::reportMouse(const QPoint& pos, int button, bool pressed, Qt::KeyboardModifiers modifiers)
{
    m_surface->mouseMove(pos.y() / m_cellHeight, pos.x() / m_cellWidth, modifiers);
    if (button > 0)
        m_surface->mouseButton(button, pressed, modifiers);
}

namespace {

int buttonNumber(Qt::MouseButton button)
{
    switch (button) {
    case Qt::LeftButton:
        return 1;
    case Qt::MiddleButton:
        return 2;
    case Qt::RightButton:
        return 3;
    default:
        return 0;
    }
}

} // namespace

void TerminalView::mousePressEvent(QMouseEvent* event)
{
    const auto surface = m_feeder.lock();
    const QPoint pos = event->position().toPoint();
    if (reportsMouse(event)) {
        reportMouse(pos, buttonNumber(event->button()), true, event->modifiers());
        return;
    }
    if (event->button() == Qt::MiddleButton) {
        QClipboard* clipboard = QGuiApplication::clipboard();
        const QString text =
            clipboard->text(clipboard->supportsSelection() ? QClipboard::Selection : QClipboard::Clipboard);
        if (!text.isEmpty())
            m_surface->paste(text);
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    if (event->modifiers() & Qt::ControlModifier) {
        const QString url = m_surface->urlAt(pointAt(pos, false));
        if (!url.isEmpty()) {
            QDesktopServices::openUrl(QUrl(url));
            return;
        }
    }
    if (m_lastDoubleClick.isValid() && m_lastDoubleClick.elapsed() < QApplication::doubleClickInterval()
        && (pos - m_lastDoubleClickPos).manhattanLength() < 5) {
        m_lastDoubleClick.invalidate();
        m_surface->selectLine(pointAt(pos, false));
        copySelectionToSelectionClipboard();
        return;
    }
    m_anchor = pointAt(pos, true);
    m_selecting = true;
    m_surface->clearSelection();
}

void TerminalView::mouseMoveEvent(QMouseEvent* event)
{
    const auto surface = m_feeder.lock();
    const QPoint pos = event->position().toPoint();
    if (reportsMouse(event)) {
        const TerminalSurface::MouseMode mode = m_surface->mouseMode();
        if (mode == TerminalSurface::MouseMode::Move
            || (mode == TerminalSurface::MouseMode::Drag && event->buttons() != Qt::NoButton))
            reportMouse(pos, 0, false, event->modifiers());
        return;
    }
    if (!m_selecting || !(event->buttons() & Qt::LeftButton))
        return;
    // Dragging past the edges scrolls.
    if (pos.y() < 0)
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (pos.y() > viewport()->height())
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    m_surface->setSelection(m_anchor, pointAt(pos, true));
}

void TerminalView::mouseReleaseEvent(QMouseEvent* event)
{
    const auto surface = m_feeder.lock();
    if (reportsMouse(event)) {
        reportMouse(event->position().toPoint(), buttonNumber(event->button()), false, event->modifiers());
        return;
    }
    if (m_selecting && event->button() == Qt::LeftButton) {
        m_selecting = false;
        copySelectionToSelectionClipboard();
    }
}

void TerminalView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const auto surface = m_feeder.lock();
    if (reportsMouse(event) || event->button() != Qt::LeftButton) {
        mousePressEvent(event);
        return;
    }
    m_selecting = false;
    m_surface->selectWord(pointAt(event->position().toPoint(), false));
    m_lastDoubleClick.start();
    m_lastDoubleClickPos = event->position().toPoint();
    copySelectionToSelectionClipboard();
}

void TerminalView::wheelEvent(QWheelEvent* event)
{
    const auto surface = m_feeder.lock();
    if (m_surface->mouseMode() != TerminalSurface::MouseMode::None && !(event->modifiers() & Qt::ShiftModifier)) {
        const int steps = event->angleDelta().y() / 120;
        const QPoint pos = event->position().toPoint();
        for (int i = 0; i < std::abs(steps); ++i)
            reportMouse(pos, steps > 0 ? 4 : 5, true, event->modifiers());
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TerminalView::focusInEvent(QFocusEvent* event)
{
    QAbstractScrollArea::focusInEvent(event);
    const auto surface = m_feeder.lock();
    m_surface->focusChanged(true);
    viewport()->update();
}

void TerminalView::focusOutEvent(QFocusEvent* event)
{
    QAbstractScrollArea::focusOutEvent(event);
    const auto surface = m_feeder.lock();
    m_surface->focusChanged(false);
    viewport()->update();
}

void TerminalView::onBell()
{
    Q_EMIT bell();
    if (m_bellTimer.isActive())
        return;
    m_bellFlash = true;
    viewport()->update();
    m_bellTimer.start(BellFlashMs);
}

void TerminalView::copy()
{
    const auto surface = m_feeder.lock();
    const QString text = m_surface->selectedText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void TerminalView::copySelectionToSelectionClipboard()
{
    const auto surface = m_feeder.lock();
    const QString text = m_surface->selectedText();
    if (text.isEmpty())
        return;
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (clipboard->supportsSelection())
        clipboard->setText(text, QClipboard::Selection);
    if (m_copyOnSelect)
        clipboard->setText(text, QClipboard::Clipboard);
}

void TerminalView::pasteClipboard()
{
    const auto surface = m_feeder.lock();
    const QString text = QGuiApplication::clipboard()->text();
    if (text.isEmpty())
        return;
    m_surface->paste(text);
    m_follow = true;
    updateScrollBar();
    viewport()->update();
}

void TerminalView::showSearch()
{
    if (!m_searchBar) {
        m_searchBar = new QWidget(this);
        m_searchBar->setObjectName(QStringLiteral("terminalSearchBar"));
        m_searchBar->setAutoFillBackground(true);
        auto* layout = new QHBoxLayout(m_searchBar);
        layout->setContentsMargins(4, 4, 4, 4);
        m_searchEdit = new QLineEdit(m_searchBar);
        m_searchEdit->setObjectName(QStringLiteral("terminalSearchEdit"));
        m_searchEdit->setPlaceholderText(tr("Find"));
        m_searchEdit->setClearButtonEnabled(true);
        layout->addWidget(m_searchEdit);
        auto addButton = [this, layout](const QString& text, const QString& tip, auto slot) {
            auto* button = new QToolButton(m_searchBar);
            button->setText(text);
            button->setToolTip(tip);
            button->setAutoRaise(true);
            connect(button, &QToolButton::clicked, this, slot);
            layout->addWidget(button);
        };
        addButton(QStringLiteral("↑"), tr("Previous match"), [this] { findNext(true); });
        addButton(QStringLiteral("↓"), tr("Next match"), [this] { findNext(false); });
        addButton(QStringLiteral("✕"), tr("Close"), [this] { hideSearch(); });
        connect(m_searchEdit, &QLineEdit::textChanged, this, [this] {
            m_currentMatch = {};
            updateSearch();
            findNext(true);
        });
        m_searchEdit->installEventFilter(this);
    }
    m_searchBar->show();
    updateGrid();
    m_searchEdit->setFocus();
    m_searchEdit->selectAll();
    updateSearch();
}

void TerminalView::hideSearch()
{
    if (!m_searchBar)
        return;
    m_searchBar->hide();
    m_matches.clear();
    m_currentMatch = {};
    setFocus();
    viewport()->update();
}

void TerminalView::updateSearch()
{
    const auto surface = m_feeder.lock();
    const QString needle = m_searchEdit ? m_searchEdit->text() : QString();
    m_matches = needle.isEmpty() ? QList<TerminalMatch>() : m_surface->findAll(needle);
    if (!m_matches.contains(m_currentMatch))
        m_currentMatch = {};
    viewport()->update();
}

// Under output only the changed lines are searched again (a full search per refresh would cost the whole
// scrollback each time); matches on lines that left the scrollback are dropped.
void TerminalView::updateSearch(qint64 first, qint64 last)
{
    const auto surface = m_feeder.lock();
    const QString needle = m_searchEdit ? m_searchEdit->text() : QString();
    if (needle.isEmpty())
        return;
    const qint64 kept = m_surface->firstLine();
    auto before =
        std::lower_bound(m_matches.cbegin(), m_matches.cend(), first, [](const TerminalMatch& m, qint64 line) {
            return m.start.line < line;
        });
    auto after = std::upper_bound(m_matches.cbegin(), m_matches.cend(), last, [](qint64 line, const TerminalMatch& m) {
        return line < m.start.line;
    });
    QList<TerminalMatch> matches;
    for (auto it = m_matches.cbegin(); it != before; ++it) {
        if (it->start.line >= kept)
            matches.append(*it);
    }
    matches.append(m_surface->findAll(needle, Qt::CaseInsensitive, first, last));
    for (auto it = after; it != m_matches.cend(); ++it)
        matches.append(*it);
    m_matches = std::move(matches);
    if (!m_matches.contains(m_currentMatch))
        m_currentMatch = {};
}

// Search starts at the bottom: "next" from the search field goes up through older output, like most terminals.
void TerminalView::findNext(bool backwards)
{
    const auto surface = m_feeder.lock();
    const QString needle = m_searchEdit ? m_searchEdit->text() : QString();
    if (needle.isEmpty())
        return;
    const TerminalPoint from = m_currentMatch.length > 0
                                   ? m_currentMatch.start
                                   : TerminalPoint {m_surface->screenTop() + m_surface->rows(), 0};
    m_currentMatch = m_surface->findNext(needle, from, backwards);
    if (m_currentMatch.length > 0)
        scrollToLine(m_currentMatch.start.line);
    viewport()->update();
}

} // namespace Knot
