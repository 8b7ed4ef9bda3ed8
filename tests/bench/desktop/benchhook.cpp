// A measuring hook preloaded (LD_PRELOAD) into any Qt 6 widgets application, so knot-desktop and
// its peers (our minimal QMainWindow, Qt Linguist) are measured by the same code without changing
// any of them. A startup function registered with Q_COREAPP_STARTUP_FUNCTION runs when the
// application object is constructed and installs an application-wide event filter.
//
// KNOT_BENCH_HOOK=first-paint  prints, after the first paint of the first QMainWindow (once the
//                              event loop is back, i.e. after the backing store was flushed):
//                              paint_epoch_us=<CLOCK_REALTIME µs> since_start_ms=<ms since the
//                              kernel's start of the process, /proc/self/stat starttime, 10 ms
//                              ticks>, then quits.
// KNOT_BENCH_HOOK=rows:N       waits until that main window has been painted and an item view in
//                              it shows at least N rows (N = 0: no view needed), lets the application settle for
//                              KNOT_BENCH_SETTLE_MS (default 2000), then prints rows=… rss_kb=…
//                              hwm_kb=… (VmRSS and VmHWM from /proc/self/status) and quits.
// The line goes to stderr, prefixed with "knot-bench:".
#include <QAbstractItemView>
#include <QApplication>
#include <QFile>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace {

double clockMs(clockid_t clock)
{
    timespec now {};
    clock_gettime(clock, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Milliseconds since the kernel started this process (fork), from field 22 of /proc/self/stat,
// which counts clock ticks since boot, like CLOCK_BOOTTIME.
double msSinceProcessStart()
{
    QFile file(QStringLiteral("/proc/self/stat"));
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray stat = file.readAll();
    // Fields after the command name, which is in parentheses and may contain spaces.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    constexpr int StartTimeAfterName = 22 - 3;
    if (fields.size() <= StartTimeAfterName) {
        return -1;
    }
    const double startMs = double(fields.at(StartTimeAfterName).toLongLong()) * 1e3 / double(sysconf(_SC_CLK_TCK));
    return clockMs(CLOCK_BOOTTIME) - startMs;
}

QByteArray statusField(const QByteArray& status, const QByteArray& name)
{
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith(QByteArray(name + ':'))) {
            return line.mid(name.size() + 1).trimmed().split(' ').value(0);
        }
    }
    return "?";
}

class BenchHook : public QObject
{
public:
    BenchHook(QByteArray mode, QObject* parent) : QObject(parent), m_mode(std::move(mode))
    {
        if (m_mode.startsWith("rows:")) {
            m_rows = m_mode.mid(5).toInt();
        } else if (m_mode != "first-paint") {
            std::fprintf(stderr, "knot-bench: unknown KNOT_BENCH_HOOK=%s\n", m_mode.constData());
        }
        m_settleMs = qEnvironmentVariableIsSet("KNOT_BENCH_SETTLE_MS")
                         ? qEnvironmentVariableIntValue("KNOT_BENCH_SETTLE_MS")
                         : 2000;
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        // The main window is the first widget of its window to get the paint event; its
        // children and the flush follow in the same call, so the queued call runs after them.
        if (event->type() == QEvent::Paint && !m_window) {
            if (auto* window = qobject_cast<QMainWindow*>(watched); window && window->isWindow()) {
                m_window = window;
                QMetaObject::invokeMethod(this, &BenchHook::painted, Qt::QueuedConnection);
            }
        }
        return false;
    }

private:
    void painted()
    {
        const double sinceStart = msSinceProcessStart();
        const double epochUs = clockMs(CLOCK_REALTIME) * 1e3;
        if (m_mode == "first-paint") {
            std::fprintf(stderr, "knot-bench: paint_epoch_us=%.0f since_start_ms=%.0f\n", epochUs, sinceStart);
            std::fflush(stderr);
            QCoreApplication::exit(0);
            return;
        }
        qApp->removeEventFilter(this);
        watchRows();
    }

    // Checks the views now and again whenever one of their models changes (no polling).
    void watchRows()
    {
        if (!m_window) {
            return;
        }
        if (m_rows == 0) {
            QTimer::singleShot(m_settleMs, this, [this] { report(0); });
            return;
        }
        for (auto* view : m_window->findChildren<QAbstractItemView*>()) {
            QAbstractItemModel* model = view->model();
            if (model == nullptr) {
                continue;
            }
            // Under the view's root: a tree view may show the children of one index (Linguist).
            const int rows = model->rowCount(view->rootIndex());
            if (rows >= m_rows && view->isVisible()) {
                QTimer::singleShot(m_settleMs, this, [this, rows] { report(rows); });
                return;
            }
            if (!m_watched.contains(model)) {
                m_watched << model;
                connect(model, &QAbstractItemModel::rowsInserted, this, &BenchHook::watchRows, Qt::QueuedConnection);
                connect(model, &QAbstractItemModel::modelReset, this, &BenchHook::watchRows, Qt::QueuedConnection);
                connect(model, &QAbstractItemModel::layoutChanged, this, &BenchHook::watchRows, Qt::QueuedConnection);
            }
        }
    }

    void report(int rows)
    {
        QFile file(QStringLiteral("/proc/self/status"));
        const QByteArray status = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        std::fprintf(stderr,
                     "knot-bench: rows=%d rss_kb=%s hwm_kb=%s\n",
                     rows,
                     statusField(status, "VmRSS").constData(),
                     statusField(status, "VmHWM").constData());
        std::fflush(stderr);
        QCoreApplication::exit(0);
    }

    QByteArray m_mode;
    int m_rows = 0;
    int m_settleMs = 2000;
    QPointer<QMainWindow> m_window;
    QList<QAbstractItemModel*> m_watched;
};

void installBenchHook()
{
    const QByteArray mode = qgetenv("KNOT_BENCH_HOOK");
    if (mode.isEmpty() || qobject_cast<QApplication*>(QCoreApplication::instance()) == nullptr) {
        return;
    }
    // Not into the processes the application starts (engine CLIs, shells).
    qunsetenv("LD_PRELOAD");
    QCoreApplication::instance()->installEventFilter(new BenchHook(mode, QCoreApplication::instance()));
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installBenchHook)
