// The peer of knot-desktop in the desktop benchmarks: the smallest honest Qt 6 widgets application
// with a main window — a QMainWindow with a menu bar, a tool bar, a status bar and a list view
// whose model has N rows ("name — description", like a space row). Measured with the same
// preloaded hook (benchhook.cpp) as knot-desktop.
//
// Usage: bench_peer_window [rows]   (default 0)
#include <QApplication>
#include <QListView>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QStringListModel>
#include <QToolBar>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int rows = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 0;

    QStringList names;
    names.reserve(rows);
    for (int i = 1; i <= rows; ++i) {
        names << QStringLiteral("space%1 — bench space %1").arg(i);
    }
    QStringListModel model(names);

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Peer"));
    window.menuBar()->addMenu(QStringLiteral("&File"))->addAction(QStringLiteral("&Quit"), &app, &QApplication::quit);
    window.addToolBar(QStringLiteral("Main"))->addAction(QStringLiteral("New"));
    auto* view = new QListView(&window);
    view->setModel(&model);
    window.setCentralWidget(view);
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    window.resize(1000, 700);
    window.show();
    return QApplication::exec();
}
