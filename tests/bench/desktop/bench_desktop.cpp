// Desktop application benchmarks that need the core in-process (run.sh drives them):
//
//   bench_desktop seed --db PATH --endpoint URL --spaces N [--image IMAGE]
//       Registers the engine as the default, imports a template and creates N Stopped spaces
//       through SpaceService (the same validation and stores as the app), for the memory benchmark.
//
//   bench_desktop starts --endpoint URL [--spaces 20] [--heartbeat-ms 5] [--image IMAGE]
//       The desktop application as main() wires it (DesktopController, main window shown) on a
//       temporary database with N created spaces. A heartbeat QTimer on the GUI thread measures how
//       late each tick is (the event loop's stalls): over an idle stretch, while the Spaces page asks
//       for all N starts at once (its startRequested signal, the row menu's path) until every space
//       is Running, and while all N stop. Prints one line per phase; removes everything at the end.
//
// A benchmark, not app code: between phases it waits with a local event loop.
#include "app/desktop/desktopcontroller.h"
#include "core/engine/dockerclient.h"
#include "core/space/enginemanager.h"
#include "core/space/reconciler.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/templatestore.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/spacespage.h"

#include "enginetestsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Knot;

namespace {

// Stops the benchmark with the error: a figure from a half-working setup would mislead.
template <typename R>
R must(R result, const char* what)
{
    if (!result) {
        std::fprintf(stderr, "%s failed: %s\n", what, qPrintable(result.error().toString()));
        std::exit(1);
    }
    return result;
}

void idle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// The template every space is made from: a container that sleeps, like a space that runs nothing.
Template storeTemplate(Database& db, const QString& endpoint, const QString& image)
{
    (void)must(EngineStore(db).add({{}, QStringLiteral("Bench Podman"), endpoint, {}, true}), "registering the engine");
    Template tmpl;
    tmpl.name = KnotTest::unique(QStringLiteral("bench-"));
    tmpl.description = QStringLiteral("Benchmark template");
    tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\n").arg(image);
    return *must(TemplateStore(db).insert(tmpl), "storing the template");
}

QStringList createSpaces(SpaceService& service, const Template& tmpl, int count, const QString& prefix)
{
    QStringList ids;
    for (int i = 1; i <= count; ++i) {
        Space draft;
        draft.name = prefix + QString::number(i);
        draft.description = QStringLiteral("bench space %1").arg(i);
        draft.templateId = tmpl.id;
        draft.shell = QStringLiteral("sh");
        ids << must(KnotTest::await(service.create(draft, false)), "creating a space")->id;
    }
    return ids;
}

int seed(const QCommandLineParser& parser)
{
    auto db = must(Database::open(parser.value(QStringLiteral("db"))), "opening the database");
    EngineManager engines(**db);
    SpaceService service(**db, engines);
    const Template tmpl =
        storeTemplate(**db, parser.value(QStringLiteral("endpoint")), parser.value(QStringLiteral("image")));
    const auto ids =
        createSpaces(service, tmpl, parser.value(QStringLiteral("spaces")).toInt(), QStringLiteral("space"));
    std::printf("seeded=%lld\n", static_cast<long long>(ids.size()));
    return 0;
}

// How late a periodic timer fires on the GUI thread: every tick's delay past its interval.
class Heartbeat
{
public:
    explicit Heartbeat(int intervalMs) : m_intervalMs(intervalMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const double ms = double(m_sinceTick.nsecsElapsed()) / 1e6;
            m_sinceTick.start();
            m_lateness << std::max(0.0, ms - m_intervalMs);
            m_at << double(m_sinceStart.nsecsElapsed()) / 1e6;
            if (m_traceStalls && ms - m_intervalMs > 50) {
                // CLOCK_MONOTONIC, the clock `perf record -k CLOCK_MONOTONIC` stamps samples with.
                timespec now {};
                clock_gettime(CLOCK_MONOTONIC, &now);
                std::fprintf(stderr,
                             "stall %.1f ms ending at %ld.%06ld\n",
                             ms - m_intervalMs,
                             long(now.tv_sec),
                             now.tv_nsec / 1000);
            }
        });
    }

    void start()
    {
        m_lateness.clear();
        m_at.clear();
        m_sinceStart.start();
        m_sinceTick.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    // "ticks=… p99_ms=… max_ms=… max_at_ms=…" (max_at: when the longest stall ended, from start()).
    QString summary() const
    {
        if (m_lateness.isEmpty()) {
            return QStringLiteral("ticks=0");
        }
        QList<double> sorted = m_lateness;
        std::sort(sorted.begin(), sorted.end());
        const auto rank = qsizetype(std::ceil(0.99 * double(sorted.size())));
        const auto maxAt = std::max_element(m_lateness.cbegin(), m_lateness.cend()) - m_lateness.cbegin();
        const int over50 = int(std::count_if(sorted.cbegin(), sorted.cend(), [](double ms) { return ms > 50; }));
        return QStringLiteral("ticks=%1 p99_ms=%2 max_ms=%3 max_at_ms=%4 over_50ms=%5")
            .arg(sorted.size())
            .arg(sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1)), 0, 'f', 1)
            .arg(sorted.last(), 0, 'f', 1)
            .arg(m_at.at(maxAt), 0, 'f', 0)
            .arg(over50);
    }

private:
    int m_intervalMs;
    bool m_traceStalls = qEnvironmentVariableIsSet("KNOT_BENCH_TRACE_STALLS");
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_sinceStart;
    QList<double> m_lateness;
    QList<double> m_at;
};

// Times every event the GUI thread handles at the event loop's level (outermost notify() only):
// how long the loop was busy in one go, in wall time and in the thread's own CPU time. The
// heartbeat's lateness also counts the time the OS did not run the thread at all (both cores busy
// with the engine starting containers); this separates the two.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!m_recording || m_depth > 0) {
            ++m_depth;
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        ++m_depth;
        const auto type = event->type(); // the event may be gone after delivery
        const double cpuBefore = threadCpuMs();
        QElapsedTimer wall;
        wall.start();
        const bool handled = QApplication::notify(receiver, event);
        const double wallMs = double(wall.nsecsElapsed()) / 1e6;
        const double cpuMs = threadCpuMs() - cpuBefore;
        --m_depth;
        m_wallMs << wallMs;
        if (cpuMs > m_maxCpuMs) {
            m_maxCpuMs = cpuMs;
        }
        if (wallMs > m_maxWallMs) {
            m_maxWallMs = wallMs;
            m_maxType = int(type);
        }
        return handled;
    }

    void startRecording()
    {
        m_wallMs.clear();
        m_maxWallMs = m_maxCpuMs = 0;
        m_maxType = 0;
        m_recording = true;
    }
    void stopRecording() { m_recording = false; }

    // "events=… busy_p99_ms=… busy_max_ms=… busy_max_cpu_ms=… busy_max_event=…"
    QString summary() const
    {
        QList<double> sorted = m_wallMs;
        std::sort(sorted.begin(), sorted.end());
        const auto rank = qsizetype(std::ceil(0.99 * double(sorted.size())));
        return QStringLiteral("events=%1 busy_p99_ms=%2 busy_max_ms=%3 busy_max_cpu_ms=%4 busy_max_event=%5")
            .arg(sorted.size())
            .arg(sorted.isEmpty() ? 0.0 : sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1)), 0, 'f', 1)
            .arg(m_maxWallMs, 0, 'f', 1)
            .arg(m_maxCpuMs, 0, 'f', 1)
            .arg(m_maxType);
    }

private:
    static double threadCpuMs()
    {
        timespec now {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    }

    int m_depth = 0;
    bool m_recording = false;
    QList<double> m_wallMs;
    double m_maxWallMs = 0;
    double m_maxCpuMs = 0;
    int m_maxType = 0;
};

int starts(const QCommandLineParser& parser, TimedApplication& app)
{
    const QString endpoint = parser.value(QStringLiteral("endpoint"));
    const int count = parser.value(QStringLiteral("spaces")).toInt();
    QTemporaryDir dir;
    auto db = must(Database::open(dir.filePath(QStringLiteral("knot.db"))), "opening the database");
    QSettings qsettings(dir.filePath(QStringLiteral("desktop.ini")), QSettings::IniFormat);
    AppSettings settings(&qsettings);
    EngineManager engines(**db);
    SpaceService service(**db, engines);
    service.setStopGraceSeconds(0);
    Reconciler reconciler(service, engines);
    const Template tmpl = storeTemplate(**db, endpoint, parser.value(QStringLiteral("image")));
    const QString prefix = KnotTest::unique(QStringLiteral("bench-")) + u'-';
    const QStringList ids = createSpaces(service, tmpl, count, prefix);

    DesktopController controller(**db, engines, service, reconciler, settings);
    controller.start();
    idle(3000); // first paint, engine located, reconciliation done

    Heartbeat heartbeat(parser.value(QStringLiteral("heartbeat-ms")).toInt());
    // Runs `begin`, then measures until every space is in `target` (or one failed).
    const auto measure = [&](const char* phase, SpaceState target, const std::function<void()>& begin) {
        QSet<QString> pending(ids.cbegin(), ids.cend());
        QString failure;
        QEventLoop loop;
        QElapsedTimer elapsed;
        const auto connection = QObject::connect(&service, &SpaceService::spaceChanged, [&](const Space& space) {
            if (space.state == SpaceState::Failed && pending.contains(space.id)) {
                failure = space.name + QStringLiteral(": ") + space.lastError;
                loop.quit();
            } else if (space.state == target && pending.remove(space.id) && pending.isEmpty()) {
                loop.quit();
            }
        });
        QTimer::singleShot(300000, &loop, [&] {
            failure = QStringLiteral("timed out");
            loop.quit();
        });
        heartbeat.start();
        app.startRecording();
        elapsed.start();
        begin();
        loop.exec();
        const double ms = double(elapsed.nsecsElapsed()) / 1e6;
        app.stopRecording();
        heartbeat.stop();
        QObject::disconnect(connection);
        if (!failure.isEmpty()) {
            std::fprintf(stderr, "%s: %s\n", phase, qPrintable(failure));
            std::exit(1);
        }
        std::printf("%s spaces=%d all_done_ms=%.0f %s %s\n",
                    phase,
                    count,
                    ms,
                    qPrintable(heartbeat.summary()),
                    qPrintable(app.summary()));
        std::fflush(stdout);
        return ms;
    };

    SpacesPage* page = controller.window()->spacesPage();
    const double startMs = measure("start", SpaceState::Running, [&] {
        for (const QString& id : ids) {
            Q_EMIT page->startRequested(id);
        }
    });
    measure("stop", SpaceState::Stopped, [&] {
        for (const QString& id : ids) {
            Q_EMIT page->stopRequested(id);
        }
    });
    // The same length of time with nothing to do, for comparison on a busy machine.
    heartbeat.start();
    app.startRecording();
    idle(int(startMs));
    app.stopRecording();
    heartbeat.stop();
    std::printf("idle %s %s\n", qPrintable(heartbeat.summary()), qPrintable(app.summary()));
    for (const QString& id : ids) {
        (void)must(KnotTest::await(service.remove(id)), "deleting a space");
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    Q_INIT_RESOURCE(knot);
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("seed or starts"));
    parser.addOption({QStringLiteral("db"), QStringLiteral("database file (seed)"), QStringLiteral("path")});
    parser.addOption({QStringLiteral("endpoint"), QStringLiteral("engine endpoint"), QStringLiteral("url")});
    parser.addOption({QStringLiteral("spaces"), QStringLiteral("spaces"), QStringLiteral("n"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("heartbeat-ms"),
                      QStringLiteral("heartbeat interval"),
                      QStringLiteral("ms"),
                      QStringLiteral("5")});
    parser.addOption({QStringLiteral("image"),
                      QStringLiteral("image"),
                      QStringLiteral("reference"),
                      QStringLiteral("localhost/knot-test-busybox:latest")});
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (parser.value(QStringLiteral("endpoint")).isEmpty() || (mode != u"seed" && mode != u"starts")
        || (mode == u"seed" && parser.value(QStringLiteral("db")).isEmpty())) {
        std::fprintf(stderr,
                     "usage: bench_desktop seed --db PATH --endpoint URL --spaces N\n"
                     "       bench_desktop starts --endpoint URL [--spaces 20] [--heartbeat-ms 5]\n");
        return 2;
    }
    return mode == u"seed" ? seed(parser) : starts(parser, app);
}
