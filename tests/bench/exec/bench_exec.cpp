// Keystroke-to-echo latency through a real exec session (ExecTerminalSession feeding a TerminalView),
// then a flood (`yes` for a few seconds) through the same session: the longest event-loop stall
// (and, as a baseline, the longest over as long an idle stretch),
// bytes received, scrollback and resident memory before and after.
//
// Usage: bench_exec ENDPOINT IMAGE [KEYSTROKES=200] [FLOOD_SECONDS=3]
// Prints "latency median=… p95=… count=…" (milliseconds) and "flood …" lines.
#include "core/engine/dockerclient.h"
#include "core/terminal/shelllauncher.h"
#include "ui/terminal/execterminalsession.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminalview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Knot;

namespace {

// A benchmark may spin the event loop: it is the only thing running.
bool waitUntil(const std::function<bool()>& done, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

template <typename R>
R await(QFuture<R> future)
{
    waitUntil([&] { return future.isFinished(); });
    return future.result();
}

bool screenHas(TerminalView& view, const QString& text)
{
    const auto lock = view.lockSurface();
    const TerminalSurface* surface = view.surface();
    for (int row = 0; row < surface->rows(); ++row) {
        if (surface->screenText(row).trimmed() == text) {
            return true;
        }
    }
    return false;
}

long rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

int fail(const char* what)
{
    std::fprintf(stderr, "bench_exec: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        return fail("usage: bench_exec ENDPOINT IMAGE [KEYSTROKES] [FLOOD_SECONDS]");
    }
    const int keystrokes = args.size() > 3 ? args[3].toInt() : 200;
    const int floodSeconds = args.size() > 4 ? args[4].toInt() : 3;
    const auto endpoint = EngineEndpoint::parse(args[1]);
    if (!endpoint) {
        return fail("bad endpoint");
    }
    DockerClient client(*endpoint);
    const QJsonObject body {
        {QStringLiteral("Image"), args[2]},
        {QStringLiteral("Cmd"), QJsonArray {QStringLiteral("sleep"), QStringLiteral("3600")}},
    };
    const auto created = await(client.createContainer(
        QStringLiteral("knot-bench-exec-") + QUuid::createUuid().toString(QUuid::Id128).left(10), body));
    if (!created) {
        return fail(qPrintable(created.error().toString()));
    }
    const QString id = *created;
    const auto cleanup = qScopeGuard([&] { (void)await(client.removeContainer(id, true, true)); });
    if (const auto started = await(client.startContainer(id)); !started) {
        return fail(qPrintable(started.error().toString()));
    }

    TerminalView view;
    view.resize(900, 600);
    view.show();
    const TerminalSurface* surface = view.surface();
    auto* session = new ExecTerminalSession(&client, id, ShellLauncher::shell(QStringLiteral("sh"), {}), &view);
    view.setSession(session);

    // The view's parser thread writes to the surface: it is read under the lock.
    const auto cursorColumn = [&] {
        const auto lock = view.lockSurface();
        return surface->cursor().column;
    };
    QElapsedTimer clock;
    bool waiting = false;
    int column = 0;
    qint64 sentAt = 0;
    QList<double> samples;
    qint64 received = 0;
    // Called right after the view has taken output (this slot is connected after it; a short echo is parsed
    // at once) and, should the echo have gone through the parser thread, on each turn of the wait.
    const auto checkEcho = [&] {
        if (waiting && cursorColumn() == column + 1) {
            samples.append(double(clock.nsecsElapsed() - sentAt) / 1e6);
            waiting = false;
        }
        return !waiting;
    };
    QObject::connect(session, &TerminalSession::output, &view, [&](const QByteArray& bytes) {
        received += bytes.size();
        checkEcho();
    });
    clock.start();
    session->write("echo RE''ADY\r");
    if (!waitUntil([&] { return screenHas(view, QStringLiteral("READY")); })) {
        return fail("the shell did not answer");
    }
    waitUntil([] { return false; }, 500); // let the prompt settle
    for (int i = 0; i < keystrokes; ++i) {
        column = cursorColumn();
        waiting = true;
        sentAt = clock.nsecsElapsed();
        session->write("a");
        if (!waitUntil(checkEcho)) {
            return fail("a keystroke was not echoed");
        }
        session->write("\x7f");
        if (!waitUntil([&] { return cursorColumn() == column; })) {
            return fail("the erase was not echoed");
        }
    }
    std::sort(samples.begin(), samples.end());
    const double median = samples.size() % 2 ? samples[samples.size() / 2]
                                             : (samples[samples.size() / 2 - 1] + samples[samples.size() / 2]) / 2;
    const double p95 = samples[std::min<qsizetype>(samples.size() - 1, qsizetype(samples.size() * 0.95))];
    std::printf("latency median=%.2f p95=%.2f count=%lld\n", median, p95, static_cast<long long>(samples.size()));

    // Flood: the event loop must keep turning (a 5 ms timer measures the longest gap between ticks).
    // The same measure over an idle stretch first is the baseline: on a loaded machine the process
    // itself is descheduled now and then.
    const long rssBefore = rssKb();
    qint64 maxGapNs = 0;
    qint64 lastTick = clock.nsecsElapsed();
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    QList<double> stalls; // ms beyond the interval, per tick
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        maxGapNs = std::max(maxGapNs, now - lastTick);
        stalls.append(std::max(0.0, double(now - lastTick) / 1e6 - ticker.interval()));
        lastTick = now;
    });
    lastTick = clock.nsecsElapsed();
    ticker.start();
    waitUntil([] { return false; }, floodSeconds * 1000);
    const double idleStallMs = double(maxGapNs) / 1e6 - ticker.interval();
    maxGapNs = 0;
    stalls.clear();
    received = 0;
    const qint64 floodStart = clock.nsecsElapsed();
    session->write(QStringLiteral("timeout %1 yes; echo FLOOD''-DONE\r").arg(floodSeconds).toUtf8());
    if (!waitUntil([&] { return screenHas(view, QStringLiteral("FLOOD-DONE")); }, 120000)) {
        return fail("the flood did not end");
    }
    ticker.stop();
    const double floodSecondsMeasured = double(clock.nsecsElapsed() - floodStart) / 1e9;
    std::sort(stalls.begin(), stalls.end());
    const double p99Stall =
        stalls.isEmpty() ? 0 : stalls[std::min<qsizetype>(stalls.size() - 1, qsizetype(stalls.size() * 0.99))];
    const int scrollback = [&] {
        const auto lock = view.lockSurface();
        return surface->scrollbackLines();
    }();
    std::printf("flood seconds=%.1f bytes=%lld mibPerSecond=%.1f maxStallMs=%.1f p99StallMs=%.1f idleStallMs=%.1f "
                "scrollback=%d/%d "
                "rssBeforeKb=%ld "
                "rssAfterKb=%ld\n",
                floodSecondsMeasured,
                static_cast<long long>(received),
                double(received) / (1024.0 * 1024.0) / floodSecondsMeasured,
                double(maxGapNs) / 1e6 - ticker.interval(),
                p99Stall,
                idleStallMs,
                scrollback,
                surface->scrollbackCapacity(),
                rssBefore,
                rssKb());
    return 0;
}
