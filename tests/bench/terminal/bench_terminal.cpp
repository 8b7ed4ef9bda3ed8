// Throughput of Knot's terminal view: MB/s until the view has processed AND painted a fixed stream.
// The stream goes through a real pseudo-terminal (a writer thread on the slave side, the event loop reading
// the master), as it does for QTermWidget in the sibling harness.
//   bench_terminal --generate FILE [MiB]   write the deterministic stream
//   bench_terminal FILE                    view, painting included (run under Xvfb)
//   bench_terminal --surface-only FILE     parser and screen model only, no widget
#include "benchstream.h"
#include "ui/terminal/loopbacksession.h"
#include "ui/terminal/terminalview.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>

#include <QApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

using namespace Knot;

namespace {

int runSurfaceOnly(const std::string& data)
{
    TerminalSurface surface(35, 100);
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

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 3 && std::string(argv[1]) == "--generate") {
        const size_t mebibytes = argc >= 4 ? size_t(std::atoi(argv[3])) : 50;
        const std::string data = KnotBench::generateStream(mebibytes * 1024 * 1024);
        std::ofstream(argv[2], std::ios::binary).write(data.data(), std::streamsize(data.size()));
        return 0;
    }
    std::string data;
    const bool surfaceOnly = argc >= 3 && std::string(argv[1]) == "--surface-only";
    if (argc < 2 || !KnotBench::readFile(argv[argc - 1], data)) {
        std::fprintf(stderr, "usage: bench_terminal [--generate FILE [MiB] | --surface-only FILE | FILE]\n");
        return 2;
    }
    if (surfaceOnly)
        return runSurfaceOnly(data);

    QApplication app(argc, argv);
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return 3;
    const int slave = ::open(ptsname(master), O_RDWR | O_NOCTTY);
    if (slave < 0)
        return 3;
    KnotBench::makeRaw(slave);
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);

    LoopbackSession session;
    TerminalView view;
    view.setTerminalFont(QFont(QStringLiteral("DejaVu Sans Mono"), 10));
    view.resize(1000, 700);
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
    // Like an exec session's socket: read everything available, hand it over in one piece.
    QSocketNotifier notifier(master, QSocketNotifier::Read);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        const ssize_t n = ::read(master, buffer.data(), size_t(buffer.size()));
        if (n > 0)
            session.feed(QByteArray(buffer.constData(), qsizetype(n)));
        else if (n == 0 || (errno != EAGAIN && errno != EINTR))
            notifier.setEnabled(false);
    });

    const int result = KnotBench::run("knot-view", slave, data, watcher);
    ::close(slave);
    ::close(master);
    return result;
}
