#include "core/store/database.h"
#include "core/store/settingsstore.h"
#include "testutils.h"
#include "ui/appsettings.h"
#include "ui/messagewidget.h"
#include "ui/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Knot;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    template <typename T>
    static T* child(QWidget* parent, const char* name)
    {
        auto* widget = parent->findChild<T*>(QLatin1String(name));
        if (!widget) {
            qFatal("no child %s", name);
        }
        return widget;
    }

    static constexpr int Unix = static_cast<int>(EngineEndpoint::Transport::Unix);
    static constexpr int Tcp = static_cast<int>(EngineEndpoint::Transport::Tcp);
    static constexpr int Ssh = static_cast<int>(EngineEndpoint::Transport::Ssh);

private Q_SLOTS:
    void endpoints_data()
    {
        QTest::addColumn<int>("transport");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("endpoint"); // empty = error
        QTest::newRow("socket") << Unix << QStringLiteral("/run/podman/podman.sock")
                                << QStringLiteral("unix:///run/podman/podman.sock");
        QTest::newRow("socket url") << Unix << QStringLiteral("unix:///var/run//docker.sock")
                                    << QStringLiteral("unix:///var/run/docker.sock");
        QTest::newRow("relative socket") << Unix << QStringLiteral("podman.sock") << QString();
        QTest::newRow("empty") << Unix << QStringLiteral("  ") << QString();
        QTest::newRow("tcp") << Tcp << QStringLiteral("10.0.0.5:2375") << QStringLiteral("tcp://10.0.0.5:2375");
        QTest::newRow("tcp url") << Tcp << QStringLiteral("tcp://build:2376") << QStringLiteral("tcp://build:2376");
        QTest::newRow("no port") << Tcp << QStringLiteral("10.0.0.5") << QString();
        QTest::newRow("bad port") << Tcp << QStringLiteral("host:99999") << QString();
        QTest::newRow("ssh") << Ssh << QStringLiteral("dev@box") << QStringLiteral("ssh://dev@box/var/run/docker.sock");
        QTest::newRow("ssh podman") << Ssh << QStringLiteral("ssh://core@10.0.0.7:2222/run/podman/podman.sock")
                                    << QStringLiteral("ssh://core@10.0.0.7:2222/run/podman/podman.sock");
        QTest::newRow("ssh password") << Ssh << QStringLiteral("dev:secret@box") << QString();
    }

    void endpoints()
    {
        QFETCH(int, transport);
        QFETCH(QString, address);
        QFETCH(QString, endpoint);
        const auto result = SettingsDialog::endpointFor(static_cast<EngineEndpoint::Transport>(transport), address);
        QCOMPARE(result.ok(), !endpoint.isEmpty());
        if (result) {
            QCOMPARE(*result, endpoint);
        }
    }

    void editEnginesAndTest()
    {
        QSettings qsettings(m_dir.filePath(QStringLiteral("engines.ini")), QSettings::IniFormat);
        AppSettings settings(&qsettings);
        QList<EngineRecord> tested;
        SettingsDialog::ConnectionTester tester = [&tested](const EngineRecord& engine, auto done) {
            tested.append(engine);
            // Answer later, like a real connection.
            QTimer::singleShot(0, [engine, done] {
                if (engine.endpoint.startsWith(QStringLiteral("unix"))) {
                    EngineVersion version;
                    version.kind = EngineRecord::Kind::Podman;
                    version.productVersion = QStringLiteral("4.3.1");
                    version.apiVersion = QStringLiteral("1.41");
                    done(version);
                } else {
                    done(Error {Error::Kind::Unreachable, QStringLiteral("connection refused"), {}});
                }
            });
        };
        SettingsDialog dialog(&settings, nullptr, {}, tester);
        dialog.show();
        auto* message = dialog.messageWidget();

        child<QComboBox>(&dialog, "engineTypeCombo")->setCurrentIndex(0);
        child<QLineEdit>(&dialog, "engineAddressEdit")->setText(QStringLiteral("relative.sock"));
        child<QPushButton>(&dialog, "addEngineButton")->click();
        QVERIFY(message->isVisible());
        QCOMPARE(message->type(), MessageWidget::Type::Error);
        QCOMPARE(dialog.engines().size(), 0);

        child<QLineEdit>(&dialog, "engineNameEdit")->setText(QStringLiteral("Local Podman"));
        child<QLineEdit>(&dialog, "engineAddressEdit")->setText(QStringLiteral("/run/podman/podman.sock"));
        child<QPushButton>(&dialog, "addEngineButton")->click();
        QCOMPARE(dialog.engines().size(), 1);
        QVERIFY(dialog.engines().first().isDefault); // the first engine is the default

        child<QComboBox>(&dialog, "engineTypeCombo")->setCurrentIndex(1);
        child<QLineEdit>(&dialog, "engineAddressEdit")->setText(QStringLiteral("10.0.0.5:2375"));
        child<QPushButton>(&dialog, "addEngineButton")->click();
        QCOMPARE(dialog.engines().size(), 2);
        QCOMPARE(dialog.engines().last().endpoint, QStringLiteral("tcp://10.0.0.5:2375"));
        QCOMPARE(dialog.engines().last().name, QStringLiteral("tcp://10.0.0.5:2375"));

        auto* list = child<QListWidget>(&dialog, "engineList");
        list->setCurrentRow(1);
        child<QPushButton>(&dialog, "testEngineButton")->click();
        QTRY_COMPARE(message->type(), MessageWidget::Type::Error);
        QVERIFY(message->text().contains(QStringLiteral("connection refused")));
        child<QPushButton>(&dialog, "defaultEngineButton")->click();
        QVERIFY(!dialog.engines().first().isDefault);
        QVERIFY(dialog.engines().last().isDefault);

        list->setCurrentRow(0);
        child<QPushButton>(&dialog, "testEngineButton")->click();
        QTRY_VERIFY(message->text().contains(QStringLiteral("Podman 4.3.1, API 1.41")));
        QCOMPARE(tested.size(), 2);
        // The answer tells the kind, shown in the list and stored with the engine.
        QCOMPARE(dialog.engines().first().kind, EngineRecord::Kind::Podman);
        QVERIFY(list->item(0)->text().contains(QStringLiteral("Podman")));

        list->setCurrentRow(1);
        child<QPushButton>(&dialog, "removeEngineButton")->click();
        QCOMPARE(dialog.engines().size(), 1);
        QVERIFY(dialog.engines().first().isDefault); // removing the default promotes another

        QSignalSpy changed(&dialog, &SettingsDialog::enginesChanged);
        dialog.accept();
        QCOMPARE(changed.count(), 1);
    }

    void testCanBeCancelled()
    {
        QSettings qsettings(m_dir.filePath(QStringLiteral("cancel.ini")), QSettings::IniFormat);
        AppSettings settings(&qsettings);
        std::function<void(const Result<EngineVersion>&)> pending;
        SettingsDialog::ConnectionTester tester = [&pending](const EngineRecord&, auto done) { pending = done; };
        const EngineRecord engine {
            QStringLiteral("e1"), QStringLiteral("Slow"), QStringLiteral("tcp://10.1.2.3:2375"), {}, true};
        SettingsDialog dialog(&settings, nullptr, {engine}, tester);
        dialog.show();
        auto* test = child<QPushButton>(&dialog, "testEngineButton");
        test->click();
        QVERIFY(dialog.isTesting());
        QVERIFY(test->isEnabled()); // it cancels now
        QCOMPARE(test->text(), QStringLiteral("Cancel Test"));
        QVERIFY(!child<QPushButton>(&dialog, "removeEngineButton")->isEnabled());
        test->click();
        QVERIFY(!dialog.isTesting());
        QVERIFY(dialog.messageWidget()->text().contains(QStringLiteral("cancelled")));
        // The late answer of the cancelled test changes nothing.
        QVERIFY(pending);
        pending(Error {Error::Kind::Unreachable, QStringLiteral("no route to host"), {}});
        QVERIFY(!dialog.messageWidget()->text().contains(QStringLiteral("no route")));
        QCOMPARE(test->text(), QStringLiteral("Test Connection"));
    }

    void preferencesAreSaved()
    {
        QSettings qsettings(m_dir.filePath(QStringLiteral("prefs.ini")), QSettings::IniFormat);
        AppSettings settings(&qsettings);
        auto db = Database::open(m_dir.filePath(QStringLiteral("prefs.db")));
        QVERIFY_RESULT(db);
        SettingsStore store(**db);
        SettingsDialog dialog(&settings, &store, {}, {});
        QVERIFY(!child<QPushButton>(&dialog, "testEngineButton")->isEnabled());
        auto* theme = child<QComboBox>(&dialog, "themeCombo");
        theme->setCurrentIndex(theme->findData(static_cast<int>(AppSettings::Theme::Dark)));
        child<QCheckBox>(&dialog, "closeToTrayCheck")->setChecked(false);
        child<QComboBox>(&dialog, "defaultShellCombo")->setCurrentText(QStringLiteral("fish"));
        child<QSpinBox>(&dialog, "scrollbackSpin")->setValue(2000);
        QSignalSpy appearance(&dialog, &SettingsDialog::appearanceChanged);
        QSignalSpy engines(&dialog, &SettingsDialog::enginesChanged);
        dialog.accept();
        QCOMPARE(appearance.count(), 1);
        QCOMPARE(engines.count(), 0);
        QCOMPARE(settings.theme(), AppSettings::Theme::Dark);
        QCOMPARE(settings.closeToTray(), false);
        QCOMPARE(*store.defaultShell(), QStringLiteral("fish"));
        QCOMPARE(*store.scrollbackLines(), 2000);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
