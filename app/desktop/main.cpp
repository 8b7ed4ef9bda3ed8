#include "ui/mainwindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("knot-desktop"));
    QApplication::setApplicationDisplayName(QStringLiteral("Knot Desktop"));
    QApplication::setOrganizationName(QStringLiteral("knot-desktop"));
    QApplication::setDesktopFileName(QStringLiteral("knot-desktop"));

    Knot::MainWindow window;
    window.show();
    return QApplication::exec();
}
