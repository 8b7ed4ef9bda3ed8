#include "core/forward/portforwarder.h"
#include "core/space/serviceprobe.h"
#include "core/store/templatestore.h"
#include "servicefixture.h"
#include "testutils.h"
#include "ui/spacelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Knot;
using KnotTest::await;
using KnotTest::EngineTimeoutMs;

// ServiceProbe on a real running space: a service icon appears once its server listens inside the
// container, and the VS Code tunnel of an image without the `code` CLI reads as not connected.
class TestServiceProbe : public QObject
{
    Q_OBJECT

private:
    KnotTest::ServiceFixture m_fixture;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_fixture.setUp();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void iconsFollowWhatAnswers()
    {
        Template tmpl;
        tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\n").arg(m_fixture.image);
        tmpl.features.codeServer = true;
        tmpl.features.vscodeTunnel = true;
        tmpl.features.terminal = true;
        tmpl.codeServerPort = 8443;
        tmpl.vnc = VncSettings {5901, VncTransport::Rfb, QString()};
        const auto created = m_fixture.createSpace(tmpl, QStringLiteral("probe"));
        QVERIFY_RESULT(created);
        QCOMPARE(created->state, SpaceState::Running);

        PortForwarder forwarder;
        ServiceProbe probe(*m_fixture.service, *m_fixture.engines, [&](EngineClient* client, const QString& id) {
            return forwarder.listListeningPorts(client, id);
        });
        SpaceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto stored = TemplateStore(*m_fixture.db).get(created->templateId);
        QVERIFY_RESULT(stored);
        model.setTemplates({*stored}, {});
        model.setSpaces({*created});
        model.setProbingServices(true);
        connect(&probe, &ServiceProbe::statusChanged, &model, &SpaceListModel::setServiceStatus);
        const auto visible = [&] {
            return ServiceIcons(model.index(0).data(SpaceListModel::VisibleServicesRole).toInt());
        };

        // Nothing listens yet: the terminal, the ports and the (red) tunnel only.
        QSignalSpy changed(&probe, &ServiceProbe::statusChanged);
        probe.watch(created->id, true);
        QVERIFY(changed.wait(EngineTimeoutMs));
        QVERIFY(probe.status(created->id).probed);
        QVERIFY(!probe.status(created->id).tunnelConnected);
        QCOMPARE(visible(), ServiceIcon::WebTerminal | ServiceIcon::Ports | ServiceIcon::VscodeTunnel);
        QCOMPARE(model.index(0).data(SpaceListModel::TunnelConnectedRole).toBool(), false);

        // code-server's port starts answering (busybox httpd stands in): its icon follows at the
        // next probe, within the back-off.
        ExecOptions serve;
        serve.command = {QStringLiteral("httpd"), QStringLiteral("-p"), QStringLiteral("8443")};
        serve.attachStdin = false;
        QVERIFY_RESULT(await(m_fixture.client->exec(created->containerId, serve)));
        QTRY_VERIFY_WITH_TIMEOUT(visible().testFlag(ServiceIcon::CodeServer), 60000);
        QVERIFY(probe.status(created->id).listens(8443));
        QVERIFY(!visible().testFlag(ServiceIcon::Vnc)); // 5901 still silent

        // Stopped: no more probing, and nothing to show.
        probe.unwatch(created->id);
        QVERIFY(!probe.isWatching(created->id));
        model.setServiceStatus(created->id, {});
        QCOMPARE(visible(), ServiceIcon::WebTerminal | ServiceIcon::Ports | ServiceIcon::VscodeTunnel);
    }
};

QTEST_MAIN(TestServiceProbe)
#include "tst_serviceprobe.moc"
