#include "desktopcontroller.h"

#include "core/space/enginemanager.h"
#include "core/space/reconciler.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "ui/appsettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>

// The composition root: creates the store, engine access, services and windows, and passes
// them down. Nothing here is global.
int main(int argc, char* argv[])
{
    Q_INIT_RESOURCE(knot);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("knot-desktop"));
    QApplication::setApplicationDisplayName(QStringLiteral("Knot Desktop"));
    QApplication::setOrganizationName(QStringLiteral("knot-desktop"));
    QApplication::setDesktopFileName(QStringLiteral("knot-desktop"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), QStringLiteral("database file"), QStringLiteral("path")});
    parser.process(app);

    auto db = Knot::Database::open(Knot::Database::resolvePath(parser.value(QStringLiteral("db"))));
    if (!db) {
        // Nothing else can work without the database: say why (e.g. a newer schema) and stop.
        QMessageBox::critical(nullptr, QApplication::applicationDisplayName(), db.error().toString());
        return 1;
    }

    QSettings qsettings;
    Knot::AppSettings settings(&qsettings);

    Knot::EngineManager engines(**db);
    Knot::SpaceService spaces(**db, engines);
    Knot::Reconciler reconciler(spaces, engines);
    Knot::DesktopController controller(**db, engines, spaces, reconciler, settings);
    controller.start();
    return QApplication::exec();
}
