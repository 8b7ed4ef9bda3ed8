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
            QCOMPARE(settings.defaultShell(), QStringLiteral("bash"));
            QCOMPARE(settings.currentPage(), QStringLiteral("spaces"));
            QCOMPARE(settings.terminalScrollback(), 10000);

            settings.setCloseToTray(false);
            settings.setStyle(AppSettings::Style::Fusion);
            settings.setTheme(AppSettings::Theme::Dark);
            settings.setDefaultShell(QStringLiteral("zsh"));
            settings.setCurrentPage(QStringLiteral("templates"));
            settings.setTerminalScrollback(5);
            settings.setWindowGeometry(QByteArray("geometry"));
            settings.sync();
        }
        QSettings qsettings(path, QSettings::IniFormat);
        AppSettings settings(&qsettings);
        QCOMPARE(settings.closeToTray(), false);
        QCOMPARE(settings.style(), AppSettings::Style::Fusion);
        QCOMPARE(settings.theme(), AppSettings::Theme::Dark);
        QCOMPARE(settings.defaultShell(), QStringLiteral("zsh"));
        QCOMPARE(settings.currentPage(), QStringLiteral("templates"));
        QCOMPARE(settings.terminalScrollback(), 100); // clamped to the minimum
        QCOMPARE(settings.windowGeometry(), QByteArray("geometry"));
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
