#include "core/store/database.h"
#include "core/store/settingsstore.h"
#include "testutils.h"
#include "ui/appsettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Knot;

class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAndRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        {
            QSettings qsettings(path, QSettings::IniFormat);
            AppSettings settings(&qsettings);
            QCOMPARE(settings.closeToTray(), true);
            QCOMPARE(settings.style(), AppSettings::Style::System);
            QCOMPARE(settings.theme(), AppSettings::Theme::System);
            QCOMPARE(settings.currentPage(), QStringLiteral("spaces"));

            settings.setCloseToTray(false);
            settings.setStyle(AppSettings::Style::Fusion);
            settings.setTheme(AppSettings::Theme::Dark);
            settings.setCurrentPage(QStringLiteral("templates"));
            settings.setWindowGeometry(QByteArray("geometry"));
            settings.sync();
        }
        QSettings qsettings(path, QSettings::IniFormat);
        AppSettings settings(&qsettings);
        QCOMPARE(settings.closeToTray(), false);
        QCOMPARE(settings.style(), AppSettings::Style::Fusion);
        QCOMPARE(settings.theme(), AppSettings::Theme::Dark);
        QCOMPARE(settings.currentPage(), QStringLiteral("templates"));
        QCOMPARE(settings.windowGeometry(), QByteArray("geometry"));
    }

    void migratesDataSettingsOnce()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("knot.db")));
        QVERIFY_RESULT(db);
        SettingsStore store(**db);
        QSettings qsettings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        qsettings.setValue(QStringLiteral("spaces/defaultShell"), QStringLiteral("fish"));
        qsettings.setValue(QStringLiteral("terminal/scrollbackLines"), 2500);
        AppSettings settings(&qsettings);

        QVERIFY_RESULT(settings.migrateTo(store));
        QCOMPARE(*store.defaultShell(), QStringLiteral("fish"));
        QCOMPARE(*store.scrollbackLines(), 2500);
        QVERIFY(!qsettings.contains(QStringLiteral("spaces/defaultShell")));
        QVERIFY(!qsettings.contains(QStringLiteral("terminal/scrollbackLines")));

        // Done once: a later change in the store is not overwritten by a stale copy.
        QVERIFY_RESULT(store.setDefaultShell(QStringLiteral("zsh")));
        qsettings.setValue(QStringLiteral("spaces/defaultShell"), QStringLiteral("sh"));
        QVERIFY_RESULT(settings.migrateTo(store));
        QCOMPARE(*store.defaultShell(), QStringLiteral("zsh"));
        QVERIFY(!qsettings.contains(QStringLiteral("spaces/defaultShell")));
    }

    void outOfRangeEnumFallsBack()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        qsettings.setValue(QStringLiteral("appearance/theme"), 42);
        AppSettings settings(&qsettings);
        QCOMPARE(settings.theme(), AppSettings::Theme::System);
    }
};

QTEST_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
