#include "core/engine/dockerclient.h"
#include "core/space/enginemanager.h"
#include "core/space/spacelabels.h"
#include "core/space/spaceservice.h"
#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/templatestore.h"
#include "testutils.h"
#include "ui/terminal/spaceterminals.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"
#include "ui/terminal/terminalwindow.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

#include <optional>

using namespace Knot;

namespace {

constexpr int Timeout = 120000;

template <typename R>
R await(QFuture<R> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, Timeout)) {
        return R(Error {Error::Kind::Timeout, QStringLiteral("timed out"), {}});
    }
    return future.result();
}

bool screenHas(const TerminalTab* tab, const QString& text)
{
    const TerminalSurface* surface = tab->view()->surface();
    for (qint64 line = surface->firstLine(); line < surface->screenTop() + surface->rows(); ++line) {
        if (surface->lineText(line).trimmed() == text) {
            return true;
        }
    }
    return false;
}

} // namespace

// SpaceTerminals with the real space service: a running space's shell runs as the space's user,
// a stop ends its tabs, a space that is not running is refused with a message.
class TestSpaceTerminals : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::optional<EngineManager> m_engines;
    std::optional<SpaceService> m_service;
    std::optional<DockerClient> m_client;
    std::unique_ptr<QSettings> m_settings;
    QString m_image;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(QStringLiteral("knot.db")));
        QVERIFY_RESULT(db);
        m_db = std::move(db.value());
        const QString endpoint = qEnvironmentVariable("KNOT_TEST_ENDPOINT");
        QVERIFY2(!endpoint.isEmpty(), "KNOT_TEST_ENDPOINT is not set");
        m_image = qEnvironmentVariable("KNOT_TEST_IMAGE", QStringLiteral("localhost/knot-test-busybox:latest"));
        QVERIFY_RESULT(EngineStore(*m_db).add({{}, QStringLiteral("test"), endpoint, {}, true}));
        m_engines.emplace(*m_db);
        m_service.emplace(*m_db, *m_engines);
        m_service->setStopGraceSeconds(0);
        const auto parsed = EngineEndpoint::parse(endpoint);
        QVERIFY_RESULT(parsed);
        m_client.emplace(*parsed);
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }

    void cleanupTestCase()
    {
        if (!m_service || !m_client) {
            return;
        }
        const QString filter = SpaceLabels::instanceFilter(m_service->instanceId());
        if (const auto containers = await(m_client->listContainers(filter))) {
            for (const auto& container : *containers) {
                (void)await(m_client->removeContainer(container.id, true, false));
            }
        }
    }

    void shellRunsAsTheSpaceUserUntilTheSpaceStops()
    {
        Template tmpl;
        tmpl.name = QStringLiteral("terminals-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\nenvironment: [\"KNOT_USER=nobody\"]\n")
                       .arg(m_image);
        const auto stored = TemplateStore(*m_db).insert(tmpl);
        QVERIFY_RESULT(stored);
        Space draft;
        draft.name = QStringLiteral("term") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        draft.templateId = stored->id;
        draft.shell = QStringLiteral("zsh");
        const auto created = await(m_service->create(draft, false));
        QVERIFY_RESULT(created);

        SpaceTerminals terminals(*m_service, *m_engines, m_settings.get());
        QSignalSpy failed(&terminals, &SpaceTerminals::failed);
        terminals.open(created->id, SpaceTerminals::Kind::Shell);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("not running")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!terminals.window());

        QVERIFY_RESULT(await(m_service->start(created->id)));
        QSignalSpy opened(&terminals, &SpaceTerminals::opened);
        terminals.open(created->id, SpaceTerminals::Kind::Shell);
        QVERIFY(opened.wait(Timeout));
        TerminalWindow* window = terminals.window();
        QVERIFY(window);
        QCOMPARE(window->count(), 1);
        QCOMPARE(window->tabTitle(0), created->name);
        TerminalTab* tab = window->tab(0);
        // zsh is not in the image: the fallback shell runs, as the template's KNOT_USER.
        tab->view()->surface()->sendText(QStringLiteral("echo \"u=$(id -un)\"\r"));
        QTRY_VERIFY_WITH_TIMEOUT(screenHas(tab, QStringLiteral("u=nobody")), Timeout);

        QVERIFY_RESULT(await(m_service->stop(created->id)));
        QTRY_COMPARE_WITH_TIMEOUT(tab->closedReason(), QStringLiteral("Space stopped"), Timeout);
    }
};

QTEST_MAIN(TestSpaceTerminals)
#include "tst_spaceterminals.moc"
