#include "ui/mainwindow.h"

namespace Knot {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Knot Desktop"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/knot-desktop.svg")));
    resize(1100, 720);
}

} // namespace Knot
