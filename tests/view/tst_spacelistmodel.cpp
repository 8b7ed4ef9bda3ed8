#include "ui/spacelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Knot;

class TestSpaceListModel : public QObject
{
    Q_OBJECT

private:
    static Space makeSpace(const QString& id, SpaceState state, const QString& templateId = QStringLiteral("t1"))
    {
        Space space;
        space.id = id;
        space.name = QStringLiteral("space-") + id;
        space.templateId = templateId;
        space.state = state;
        return space;
    }

    static Template makeTemplate()
    {
        Template tmpl;
        tmpl.id = QStringLiteral("t1");
        tmpl.name = QStringLiteral("Go");
        tmpl.features.codeServer = true;
        tmpl.vnc = VncSettings {};
        return tmpl;
    }

private Q_SLOTS:
    void rolesFollowTheSpace()
    {
        SpaceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Space failed = makeSpace(QStringLiteral("1"), SpaceState::Failed);
        failed.lastError = QStringLiteral("image not found");
        model.setSpaces({failed, makeSpace(QStringLiteral("2"), SpaceState::Running)});
        model.setTemplates({makeTemplate()}, {{QStringLiteral("t1"), QStringLiteral("hash-2")}});

        const QModelIndex first = model.index(0);
        QCOMPARE(first.data(SpaceListModel::StateRole).toInt(), int(SpaceState::Failed));
        QCOMPARE(first.data(SpaceListModel::StateTextRole).toString(), QStringLiteral("Failed"));
        QCOMPARE(first.data(SpaceListModel::ErrorRole).toString(), QStringLiteral("image not found"));
        QCOMPARE(first.data(SpaceListModel::TemplateNameRole).toString(), QStringLiteral("Go"));
        const auto services = ServiceIcons(first.data(SpaceListModel::ServicesRole).toInt());
        QVERIFY(services.testFlag(ServiceIcon::Vnc));
        QVERIFY(services.testFlag(ServiceIcon::CodeServer));
        QVERIFY(services.testFlag(ServiceIcon::WebTerminal));
        QVERIFY(!services.testFlag(ServiceIcon::VscodeTunnel));
        QVERIFY(model.anyRunning());
    }

    void visibleServicesFollowTheProbe()
    {
        SpaceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Template tmpl = makeTemplate();
        tmpl.features.vscodeTunnel = true;
        model.setTemplates({tmpl}, {});
        model.setSpaces({makeSpace(QStringLiteral("1"), SpaceState::Running)});
        const QModelIndex row = model.index(0);
        const auto visible = [&] { return ServiceIcons(row.data(SpaceListModel::VisibleServicesRole).toInt()); };
        const ServiceIcons enabled(row.data(SpaceListModel::ServicesRole).toInt());

        // Without a prober the template decides, and the tunnel is not drawn as disconnected.
        QCOMPARE(visible(), enabled);
        QVERIFY(row.data(SpaceListModel::TunnelConnectedRole).toBool());

        // With one: until the ports answer, only what an exec reaches, and the tunnel in red.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setProbingServices(true);
        QCOMPARE(changed.count(), 1);
        const ServiceIcons always = ServiceIcon::WebTerminal | ServiceIcon::Ports | ServiceIcon::VscodeTunnel;
        QCOMPARE(visible(), always);
        QVERIFY(!row.data(SpaceListModel::TunnelConnectedRole).toBool());

        ServiceStatus status;
        status.probed = true;
        status.listening = {tmpl.codeServerPort, 22};
        model.setServiceStatus(QStringLiteral("1"), status);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(visible(), always | ServiceIcon::CodeServer);
        status.listening.append(tmpl.vnc->port);
        status.tunnelConnected = true;
        status.tunnelName = QStringLiteral("my-box");
        model.setServiceStatus(QStringLiteral("1"), status);
        QCOMPARE(visible(), enabled);
        QVERIFY(row.data(SpaceListModel::TunnelConnectedRole).toBool());
        QCOMPARE(row.data(SpaceListModel::TunnelNameRole).toString(), QStringLiteral("my-box"));

        // Forgotten (the space stopped): back to the start.
        model.setServiceStatus(QStringLiteral("1"), {});
        QCOMPARE(visible(), always);
        // A space nobody probed is not announced as changed.
        const int before = changed.count();
        model.setServiceStatus(QStringLiteral("elsewhere"), {});
        QCOMPARE(changed.count(), before);
    }

    void updateAvailableWhenHashDiffers()
    {
        SpaceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Space running = makeSpace(QStringLiteral("1"), SpaceState::Running);
        running.startedHash = QStringLiteral("hash-1");
        model.setSpaces({running});
        model.setTemplates({makeTemplate()}, {{QStringLiteral("t1"), QStringLiteral("hash-1")}});
        QCOMPARE(model.index(0).data(SpaceListModel::UpdateAvailableRole).toBool(), false);
        model.setTemplates({makeTemplate()}, {{QStringLiteral("t1"), QStringLiteral("hash-2")}});
        QCOMPARE(model.index(0).data(SpaceListModel::UpdateAvailableRole).toBool(), true);
        running.state = SpaceState::Stopped;
        model.updateSpace(running);
        QCOMPARE(model.index(0).data(SpaceListModel::UpdateAvailableRole).toBool(), false);
    }

    void pullProgressOnlyWhileStarting()
    {
        SpaceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Space space = makeSpace(QStringLiteral("1"), SpaceState::Stopped);
        model.setSpaces({space});
        model.setPullProgress(space.id, 10, QStringLiteral("Pulling"));
        QVERIFY(model.index(0).data(SpaceListModel::PullProgressRole).isNull());

        space.state = SpaceState::Starting;
        model.updateSpace(space);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPullProgress(space.id, 42, QStringLiteral("Pulling busybox"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0).data(SpaceListModel::PullProgressRole).toInt(), 42);
        QCOMPARE(model.index(0).data(SpaceListModel::PullTextRole).toString(), QStringLiteral("Pulling busybox"));

        space.state = SpaceState::Running;
        model.updateSpace(space);
        QVERIFY(model.index(0).data(SpaceListModel::PullProgressRole).isNull());
    }

    void insertAndRemove()
    {
        SpaceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.updateSpace(makeSpace(QStringLiteral("1"), SpaceState::Stopped));
        model.updateSpace(makeSpace(QStringLiteral("2"), SpaceState::Stopped));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!model.anyRunning());
        model.removeSpace(QStringLiteral("1"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.spaceById(QStringLiteral("2"))->name, QStringLiteral("space-2"));
        QCOMPARE(model.index(0).data(SpaceListModel::TemplateNameRole).toString(), QString());
    }
};

QTEST_MAIN(TestSpaceListModel)
#include "tst_spacelistmodel.moc"
