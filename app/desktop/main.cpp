#include "ui/appearance.h"
#include "ui/appsettings.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"
#include "ui/spacelistmodel.h"
#include "ui/templatelistmodel.h"

#include <QApplication>
#include <QSettings>

int main(int argc, char* argv[])
{
    Q_INIT_RESOURCE(knot);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("knot-desktop"));
    QApplication::setApplicationDisplayName(QStringLiteral("Knot Desktop"));
    QApplication::setOrganizationName(QStringLiteral("knot-desktop"));
    QApplication::setDesktopFileName(QStringLiteral("knot-desktop"));

    QSettings qsettings;
    Knot::AppSettings settings(&qsettings);
    Knot::Appearance appearance;
    appearance.apply(settings.style(), settings.theme());

    Knot::SpaceListModel spaces;
    Knot::TemplateListModel templates;
    Knot::MainWindow window(&settings, &spaces, &templates);
    QObject::connect(&window, &Knot::MainWindow::settingsRequested, &window, [&] {
        auto* dialog = new Knot::SettingsDialog(&settings, {}, {}, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &Knot::SettingsDialog::appearanceChanged, &window, [&] {
            appearance.apply(settings.style(), settings.theme());
        });
        dialog->open();
    });
    window.show();
    return QApplication::exec();
}
