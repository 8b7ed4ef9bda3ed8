#include "core/store/templatestore.h"
#include "servicefixture.h"
#include "testutils.h"
#include "ui/terminal/spaceterminals.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminaltab.h"
#include "ui/terminal/terminalview.h"
#include "ui/terminal/terminalwindow.h"

#include <QSettings>
#include <QSignalSpy>
#include <QUuid>

using namespace Knot;
using KnotTest::await;
constexpr int Timeout = KnotTest::EngineTimeoutMs;

namespace {

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
    KnotTest::ServiceFixture m_fixture;
    std::unique_ptr<QSettings> m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_fixture.setUp();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_settings =
            std::make_unique<QSettings>(m_fixture.dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }

    void shellRunsAsTheSpaceUserUntilTheSpaceStops()
    {
        Template tmpl;
        tmpl.name = QStringLiteral("terminals-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        tmpl.job = QStringLiteral("image: %1\ncommand: [\"sleep\", \"3600\"]\nenvironment: [\"KNOT_USER=nobody\"]\n")
                       .arg(m_fixture.image);
        const auto stored = TemplateStore(*m_fixture.db).insert(tmpl);
        QVERIFY_RESULT(stored);
        Space draft;
        draft.name = QStringLiteral("term") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        draft.templateId = stored->id;
        draft.shell = QStringLiteral("zsh");
        const auto created = await(m_fixture.service->create(draft, false));
        QVERIFY_RESULT(created);

        SpaceTerminals terminals(*m_fixture.service, *m_fixture.engines, m_settings.get());
        QSignalSpy failed(&terminals, &SpaceTerminals::failed);
        terminals.open(created->id, SpaceTerminals::Kind::Shell);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("not running")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!terminals.window());

        QVERIFY_RESULT(await(m_fixture.service->start(created->id)));
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

        QVERIFY_RESULT(await(m_fixture.service->stop(created->id)));
        QTRY_COMPARE_WITH_TIMEOUT(tab->closedReason(), QStringLiteral("Space stopped"), Timeout);
    }
};

QTEST_MAIN(TestSpaceTerminals)
#include "tst_spaceterminals.moc"
