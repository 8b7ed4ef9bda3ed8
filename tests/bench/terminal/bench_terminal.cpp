// Throughput of Knot's terminal view: MB/s until the view has processed AND painted a fixed stream.
// The stream goes through a real pseudo-terminal (a writer thread on the slave side, the event loop reading
// the master), as it does for QTermWidget in the sibling harness, or through a Unix stream socket.
//   bench_terminal --generate FILE [MiB]   write the deterministic stream
//   bench_terminal FILE                    view, painting included (run under Xvfb)
//   bench_terminal --socket FILE           the same through a Unix stream socket instead of a pty: the
//                                          transport Knot's exec sessions really use (the engine's
//                                          hijacked connection), read as ExecSession reads it
//   bench_terminal --surface-only FILE     parser and screen model only, no widget (KNOT_BENCH_SCROLLBACK
//                                          sets its scrollback, default 10000)
//   bench_terminal --pty-only FILE         the transport alone (pty or socket, read as the view reads it)
//   bench_terminal --socket-only FILE
//   bench_terminal --vterm-only FILE       libvterm's state layer with callbacks that do nothing: the floor
//                                          under any screen model built on it
//   bench_terminal --flood MiB [LINES]     `yes`-like flood (scrollback LINES, default 10000): the event
//                                          loop's stalls, measured by a 5 ms heartbeat timer
#include "benchstream.h"
#include "ui/terminal/loopbacksession.h"
#include "ui/terminal/terminalview.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sys/socket.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <vector>

#include <vterm.h>

using namespace Knot;

namespace {

int runSurfaceOnly(const std::string& data)
{
    TerminalSurface surface(35, 100);
    if (qEnvironmentVariableIsSet("KNOT_BENCH_SCROLLBACK"))
        surface.setScrollbackCapacity(qEnvironmentVariableIntValue("KNOT_BENCH_SCROLLBACK"));
    QElapsedTimer timer;
    timer.start();
    const double cpu = KnotBench::cpuSeconds();
    for (size_t offset = 0; offset < data.size(); offset += 65536) {
        surface.write(data.data() + offset, qsizetype(std::min<size_t>(65536, data.size() - offset)));
        surface.flush();
    }
    KnotBench::report(
        "knot-surface", data.size(), double(timer.nsecsElapsed()) / 1e9, KnotBench::cpuSeconds() - cpu, 0);
    return surface.title() == QLatin1String(KnotBench::endTitle()) ? 0 : 1;
}

int runVTermOnly(const std::string& data)
{
    VTerm* vt = vterm_new(35, 100);
    vterm_set_utf8(vt, 1);
    VTermState* state = vterm_obtain_state(vt);
    static VTermStateCallbacks callbacks {};
    callbacks.putglyph = [](VTermGlyphInfo*, VTermPos, void*) { return 1; };
    callbacks.scrollrect = [](VTermRect, int, int, void*) { return 1; };
    vterm_state_set_callbacks(state, &callbacks, nullptr);
    vterm_state_reset(state, 1);
    QElapsedTimer timer;
    timer.start();
    const double cpu = KnotBench::cpuSeconds();
    for (size_t offset = 0; offset < data.size(); offset += 65536)
        vterm_input_write(vt, data.data() + offset, std::min<size_t>(65536, data.size() - offset));
    KnotBench::report(
        "libvterm-state", data.size(), double(timer.nsecsElapsed()) / 1e9, KnotBench::cpuSeconds() - cpu, 0);
    vterm_free(vt);
    return 0;
}

// Drains the pty like a socket's readAll(): what piled up, up to about a Unix socket's receive buffer, in
// one piece. With a pty alone the tty layer hands out 4 KiB per read; an exec stream delivers more at once.
qsizetype drain(int fd, QByteArray& buffer, bool& open)
{
    constexpr qsizetype SocketBuffer = 256 * 1024;
    qsizetype total = 0;
    while (total < SocketBuffer) {
        const ssize_t n = ::read(fd, buffer.data() + total, size_t(buffer.size() - total));
        if (n > 0) {
            total += n;
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EINTR))
            open = false;
        break;
    }
    return total;
}

// The two ends of the transport: the view reads `readEnd` (non-blocking), the writer thread writes `writeEnd`.
struct Transport
{
    int readEnd = -1;
    int writeEnd = -1;
};

Transport openTransport(bool socket)
{
    Transport transport;
    if (socket) {
        int ends[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0)
            return {};
        transport = {ends[0], ends[1]};
    } else {
        transport.readEnd = posix_openpt(O_RDWR | O_NOCTTY);
        if (transport.readEnd < 0 || grantpt(transport.readEnd) != 0 || unlockpt(transport.readEnd) != 0)
            return {};
        transport.writeEnd = ::open(ptsname(transport.readEnd), O_RDWR | O_NOCTTY);
        if (transport.writeEnd < 0)
            return {};
        KnotBench::makeRaw(transport.writeEnd);
    }
    ::fcntl(transport.readEnd, F_SETFL, ::fcntl(transport.readEnd, F_GETFL) | O_NONBLOCK);
    return transport;
}

// The transport alone: the same writer, reads and copies as the view's path, the bytes dropped. What is left
// of a program's figures after this is its own work.
int runTransportOnly(const std::string& data, bool socket)
{
    const Transport transport = openTransport(socket);
    if (transport.readEnd < 0)
        return 3;
    QSocketNotifier notifier(transport.readEnd, QSocketNotifier::Read);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    size_t received = 0;
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        bool open = true;
        const qsizetype n =
            socket ? drain(transport.readEnd, buffer, open)
                   : std::max<qsizetype>(0, ::read(transport.readEnd, buffer.data(), size_t(buffer.size())));
        const QByteArray piece(buffer.constData(), n);
        received += size_t(piece.size());
        if (received >= data.size() || !open)
            QCoreApplication::quit();
    });
    QElapsedTimer timer;
    timer.start();
    const double cpu = KnotBench::cpuSeconds();
    std::thread writer = KnotBench::startWriter(transport.writeEnd, data);
    QCoreApplication::exec();
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    writer.join();
    KnotBench::report(socket ? "socket-only" : "pty-only", data.size(), elapsed, KnotBench::cpuSeconds() - cpu, 0);
    ::close(transport.readEnd);
    ::close(transport.writeEnd);
    return received == data.size() ? 0 : 1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(double(values.size()) * p))];
}

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 3 && std::string(argv[1]) == "--generate") {
        const size_t mebibytes = argc >= 4 ? size_t(std::atoi(argv[3])) : 50;
        const std::string data = KnotBench::generateStream(mebibytes * 1024 * 1024);
        std::ofstream(argv[2], std::ios::binary).write(data.data(), std::streamsize(data.size()));
        return 0;
    }
    const bool flood = argc >= 3 && std::string(argv[1]) == "--flood";
    std::string data;
    if (flood) {
        const size_t size = size_t(std::atoi(argv[2])) * 1024 * 1024;
        data.reserve(size + 64);
        while (data.size() < size)
            data += "y\r\n";
        data += "\x1b]2;";
        data += KnotBench::endTitle();
        data += "\x07";
    }
    const bool surfaceOnly = argc >= 3 && std::string(argv[1]) == "--surface-only";
    const bool overSocket = argc >= 3 && std::string(argv[1]) == "--socket";
    if (argc < 2 || (!flood && !KnotBench::readFile(argv[argc - 1], data))) {
        std::fprintf(
            stderr,
            "usage: bench_terminal [--generate FILE [MiB] | --surface-only FILE | --vterm-only FILE | --flood MiB "
            "[LINES] | --socket FILE | --pty-only FILE | --socket-only FILE | FILE]\n");
        return 2;
    }
    if (surfaceOnly)
        return runSurfaceOnly(data);
    if (std::string(argv[1]) == "--vterm-only")
        return runVTermOnly(data);

    const std::string mode = argv[1];
    if (mode == "--pty-only" || mode == "--socket-only") {
        QCoreApplication app(argc, argv);
        return runTransportOnly(data, mode == "--socket-only");
    }

    QApplication app(argc, argv);
    const auto [master, slave] = openTransport(overSocket);
    if (master < 0)
        return 3;

    LoopbackSession session;
    TerminalView view;
    view.setTerminalFont(QFont(QStringLiteral("DejaVu Sans Mono"), 10));
    view.resize(1000, 700);
    if (flood && argc >= 4)
        view.setScrollbackCapacity(std::atoi(argv[3]));
    view.setSession(&session);
    view.show();

    KnotBench::PaintWatcher watcher;
    view.viewport()->installEventFilter(&watcher);
    QObject::connect(&view, &TerminalView::titleChanged, [&](const QString& title) {
        if (title == QLatin1String(KnotBench::endTitle())) {
            watcher.done = true;
            view.viewport()->update();
        }
    });
    // The socket (and the flood) is read like an exec session's: everything available, handed over in one
    // piece. The pty is read as QTermWidget reads its own: one read per wake-up.
    QSocketNotifier notifier(master, QSocketNotifier::Read);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qsizetype largestRead = 0;
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        if (flood || overSocket) {
            bool open = true;
            const qsizetype n = drain(master, buffer, open);
            largestRead = std::max(largestRead, n);
            if (n > 0)
                session.feed(QByteArray(buffer.constData(), n));
            notifier.setEnabled(open && !session.isOutputPaused());
            return;
        }
        const ssize_t n = ::read(master, buffer.data(), size_t(buffer.size()));
        if (n > 0)
            session.feed(QByteArray(buffer.constData(), qsizetype(n)));
        else if (n == 0 || (errno != EAGAIN && errno != EINTR))
            notifier.setEnabled(false);
    });

    // Back pressure, as an exec session applies it: while the view asks for a pause the transport is not read,
    // and the writer blocks, as a program would.
    QObject::connect(
        &session, &TerminalSession::outputPausedChanged, [&](bool paused) { notifier.setEnabled(!paused); });

    // The heartbeat: a gap between two ticks beyond the interval is time the event loop could not turn.
    std::vector<double> stalls;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        stalls.push_back(std::max(0.0, double(now - lastTick) / 1e6 - heartbeat.interval()));
        if (qEnvironmentVariableIsSet("KNOT_BENCH_TRACE"))
            std::fprintf(stderr, "tick at %.1f ms: gap %.1f\n", double(now) / 1e6, stalls.back());
        lastTick = now;
    });
    if (flood) {
        // Start-up (the first paint loads fonts) is not part of the flood.
        while (watcher.paints == 0)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        // The baseline: as long idle, in the same process (a busy machine deschedules it now and then).
        lastTick = clock.nsecsElapsed();
        heartbeat.start();
        QElapsedTimer idle;
        idle.start();
        while (idle.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        std::printf("knot-idle maxStallMs=%.1f p99StallMs=%.1f ticks=%zu\n",
                    percentile(stalls, 1.0),
                    percentile(stalls, 0.99),
                    stalls.size());
        stalls.clear();
        lastTick = clock.nsecsElapsed();
    }

    const int result = KnotBench::run(flood        ? "knot-flood"
                                      : overSocket ? "knot-view-socket"
                                                   : "knot-view",
                                      slave,
                                      data,
                                      watcher);
    if (flood)
        std::printf("knot-flood maxStallMs=%.1f p99StallMs=%.1f ticks=%zu largestReadKiB=%lld scrollback=%d\n",
                    percentile(stalls, 1.0),
                    percentile(stalls, 0.99),
                    stalls.size(),
                    static_cast<long long>(largestRead / 1024),
                    view.surface()->scrollbackLines());
    ::close(slave);
    ::close(master);
    return result;
}
