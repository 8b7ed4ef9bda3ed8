// The same measurement as bench_terminal, for QTermWidget (Qt 5): the stream is written into the slave side
// of QTermWidget's own pseudo-terminal (startTerminalTeletype), timed until the first paint after the end marker.
#include "benchstream.h"

#include <qtermwidget5/qtermwidget.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

int main(int argc, char** argv)
{
    std::string data;
    if (argc < 2 || !KnotBench::readFile(argv[1], data)) {
        std::fprintf(stderr, "usage: bench_qtermwidget FILE\n");
        return 2;
    }
    QApplication app(argc, argv);
    QTermWidget terminal(0);
    terminal.setTerminalFont(QFont(QStringLiteral("DejaVu Sans Mono"), 10));
    terminal.setHistorySize(10000);
    terminal.setScrollBarPosition(QTermWidget::ScrollBarRight);
    terminal.resize(1000, 700);
    terminal.show();
    terminal.startTerminalTeletype();
    const int slave = terminal.getPtySlaveFd();
    if (slave < 0)
        return 3;
    KnotBench::makeRaw(slave);

    KnotBench::PaintWatcher watcher;
    const auto children = terminal.findChildren<QWidget*>();
    for (QWidget* child : children)
        child->installEventFilter(&watcher);
    QObject::connect(&terminal, &QTermWidget::titleChanged, [&] {
        if (terminal.title() == QLatin1String(KnotBench::endTitle()) && !watcher.done) {
            watcher.done = true;
            for (QWidget* child : children)
                child->update();
        }
    });

    if (qEnvironmentVariableIsSet("KNOT_BENCH_DEBUG")) {
        QObject::connect(&terminal, &QTermWidget::receivedData, [](const QString& text) {
            std::fprintf(stderr, "received %d\n", int(text.size()));
        });
        QObject::connect(&terminal, &QTermWidget::titleChanged, [&] {
            std::fprintf(stderr, "title %s\n", qPrintable(terminal.title()));
        });
    }
    return KnotBench::run("qtermwidget", slave, data, watcher);
}
