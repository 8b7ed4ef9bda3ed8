#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "storefixtures.h"
#include "testutils.h"

#include <QTemporaryDir>

using namespace Knot;
using StoreFixtures::fullSpace;

class TestSpaceStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StoreFixtures::TemporaryDatabase> m_temp;
    Database* m_db = nullptr;
    QString m_templateId;

    template <typename T>
    void expectConflict(const Result<T>& result, const QString& name)
    {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, Error::Kind::Conflict);
        QVERIFY2(result.error().message.contains(name), qPrintable(result.error().message));
    }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<StoreFixtures::TemporaryDatabase>();
        m_db = m_temp->db.get();
        QVERIFY(m_db);
        const auto tmpl = TemplateStore(*m_db).insert(StoreFixtures::fullTemplate(QStringLiteral("base")));
        QVERIFY_RESULT(tmpl);
        m_templateId = tmpl->id;
    }
    void cleanup() { m_temp.reset(); }

    void roundTripsEveryField()
    {
        const auto engine = EngineStore(*m_db).add(
            {{}, QStringLiteral("podman"), QStringLiteral("unix:///p.sock"), EngineRecord::Kind::Podman, false});
        QVERIFY_RESULT(engine);
        SpaceStore store(*m_db);
        Space original = fullSpace(m_templateId, QStringLiteral("alpha"));
        original.engineId = engine->id;
        const auto inserted = store.insert(original);
        QVERIFY_RESULT(inserted);
        QVERIFY(!inserted->id.isEmpty());
        QVERIFY(!inserted->id.contains(u'{'));
        Space expected = original;
        expected.id = inserted->id;
        QCOMPARE(*inserted, expected);

        const auto byId = store.get(inserted->id);
        QVERIFY_RESULT(byId);
        QCOMPARE(*byId, expected);
        const auto byName = store.getByName(QStringLiteral("ALPHA"));
        QVERIFY_RESULT(byName);
        QCOMPARE(*byName, expected);
        QCOMPARE(*store.list(), QList<Space> {expected});

        // Timestamps are stored as UTC ISO-8601.
        auto created = m_db->exec(QStringLiteral("SELECT created_at FROM spaces"));
        QVERIFY_RESULT(created);
        QVERIFY(created->next());
        QCOMPARE(created->value(0).toString(), QStringLiteral("2026-03-14T15:19:26.535Z"));
    }

    void roundTripsDefaults()
    {
        SpaceStore store(*m_db);
        Space plain;
        plain.name = QStringLiteral("plain");
        plain.templateId = m_templateId;
        const auto inserted = store.insert(plain);
        QVERIFY_RESULT(inserted);
        QVERIFY(inserted->createdAt.isValid());
        QVERIFY(!inserted->startedAt.isValid());
        const auto stored = store.get(inserted->id);
        QVERIFY_RESULT(stored);
        QCOMPARE(*stored, *inserted);
        QVERIFY(stored->engineId.isEmpty());
        QCOMPARE(stored->state, SpaceState::Stopped);
    }

    void updatesTheWholeRecordWithChildren()
    {
        SpaceStore store(*m_db);
        const auto inserted = store.insert(fullSpace(m_templateId, QStringLiteral("alpha")));
        QVERIFY_RESULT(inserted);
        const auto other = store.insert(fullSpace(m_templateId, QStringLiteral("other")));
        QVERIFY_RESULT(other);

        Space changed = *inserted;
        changed.name = QStringLiteral("alpha-web"); // its own former additional name
        changed.description = QStringLiteral("changed");
        changed.icon.clear();
        changed.shell = QStringLiteral("fish");
        changed.additionalNames = {{QStringLiteral("docs"), 8000}};
        changed.customFields = {{QStringLiteral("branch"), QStringLiteral("dev")}};
        changed.volumeRecords = {{VolumeRecord::Kind::Path, QStringLiteral("/home/me/work")}};
        changed.state = SpaceState::Running;
        changed.lastError.clear();
        changed.containerId = QStringLiteral("feed");
        changed.startedHash = QStringLiteral("def456");
        changed.everStarted = false;
        changed.startedAt = StoreFixtures::someTime(99);
        QVERIFY_RESULT(store.update(changed));
        QCOMPARE(*store.get(changed.id), changed);
        QCOMPARE(*store.get(other->id), *other);
        QCOMPARE(m_temp->rowCount(QStringLiteral("space_additional_names")), 3);
        QCOMPARE(m_temp->rowCount(QStringLiteral("space_custom_fields")), 3);
        QCOMPARE(m_temp->rowCount(QStringLiteral("space_volumes")), 3);

        // A refused update changes nothing, children included.
        Space clash = changed;
        clash.additionalNames = {{QStringLiteral("fresh"), 1}, {QStringLiteral("OTHER-api"), 2}};
        expectConflict(store.update(clash), QStringLiteral("OTHER-api"));
        QCOMPARE(*store.get(changed.id), changed);

        Space ghost = changed;
        ghost.id = QStringLiteral("nope");
        ghost.name = QStringLiteral("ghost");
        ghost.additionalNames.clear();
        QCOMPARE(store.update(ghost).error().kind, Error::Kind::NotFound);
    }

    void setsStateContainerAndStart()
    {
        SpaceStore store(*m_db);
        const auto inserted = store.insert(fullSpace(m_templateId, QStringLiteral("alpha")));
        QVERIFY_RESULT(inserted);
        Space expected = *inserted;

        QVERIFY_RESULT(store.setState(expected.id, SpaceState::Starting));
        expected.state = SpaceState::Starting;
        expected.lastError.clear();
        QCOMPARE(*store.get(expected.id), expected);

        QVERIFY_RESULT(store.setState(expected.id, SpaceState::Failed, QStringLiteral("no such image")));
        expected.state = SpaceState::Failed;
        expected.lastError = QStringLiteral("no such image");
        QCOMPARE(*store.get(expected.id), expected);

        QVERIFY_RESULT(store.setContainer(expected.id, QStringLiteral("1234abcd"), QStringLiteral("hash-2")));
        expected.containerId = QStringLiteral("1234abcd");
        expected.startedHash = QStringLiteral("hash-2");
        QCOMPARE(*store.get(expected.id), expected);

        QVERIFY_RESULT(store.setContainer(expected.id, {}, QStringLiteral("hash-2")));
        expected.containerId.clear();
        QCOMPARE(*store.get(expected.id), expected);

        Space fresh = fullSpace(m_templateId, QStringLiteral("fresh"));
        fresh.everStarted = false;
        fresh.startedAt = {};
        const auto never = store.insert(fresh);
        QVERIFY_RESULT(never);
        QVERIFY_RESULT(store.markStarted(never->id, StoreFixtures::someTime(42)));
        QVERIFY(store.get(never->id)->everStarted);
        QCOMPARE(store.get(never->id)->startedAt, StoreFixtures::someTime(42));

        QCOMPARE(store.setState(QStringLiteral("nope"), SpaceState::Running).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.setContainer(QStringLiteral("nope"), {}, {}).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.markStarted(QStringLiteral("nope"), {}).error().kind, Error::Kind::NotFound);
    }

    void namesAreUniqueAcrossAdditionalNamesIgnoringCase()
    {
        SpaceStore store(*m_db);
        Space alpha = fullSpace(m_templateId, QStringLiteral("alpha"));
        alpha.additionalNames = {{QStringLiteral("Web-Alpha"), 8080}};
        const auto inserted = store.insert(alpha);
        QVERIFY_RESULT(inserted);

        QVERIFY(*store.isNameTaken(QStringLiteral("ALPHA")));
        QVERIFY(*store.isNameTaken(QStringLiteral("web-alpha")));
        QVERIFY(!*store.isNameTaken(QStringLiteral("beta")));
        // The space being edited may keep its own names.
        QVERIFY(!*store.isNameTaken(QStringLiteral("alpha"), inserted->id));
        QVERIFY(!*store.isNameTaken(QStringLiteral("WEB-alpha"), inserted->id));

        Space beta = fullSpace(m_templateId, QStringLiteral("beta"));
        beta.additionalNames.clear();
        beta.name = QStringLiteral("Alpha");
        expectConflict(store.insert(beta), QStringLiteral("Alpha"));
        beta.name = QStringLiteral("WEB-ALPHA");
        expectConflict(store.insert(beta), QStringLiteral("WEB-ALPHA"));
        beta.name = QStringLiteral("beta");
        beta.additionalNames = {{QStringLiteral("aLPHA"), 80}};
        expectConflict(store.insert(beta), QStringLiteral("aLPHA"));
        beta.additionalNames = {{QStringLiteral("web-alpha"), 80}};
        expectConflict(store.insert(beta), QStringLiteral("web-alpha"));
        // The same name twice within one space.
        beta.additionalNames = {{QStringLiteral("Beta"), 80}};
        expectConflict(store.insert(beta), QStringLiteral("Beta"));
        beta.additionalNames = {{QStringLiteral("docs"), 80}, {QStringLiteral("DOCS"), 81}};
        expectConflict(store.insert(beta), QStringLiteral("DOCS"));
        QCOMPARE(store.list()->size(), 1);

        beta.additionalNames = {{QStringLiteral("docs"), 80}};
        const auto betaInserted = store.insert(beta);
        QVERIFY_RESULT(betaInserted);
        Space renamed = *betaInserted;
        renamed.name = QStringLiteral("ALPHA");
        expectConflict(store.update(renamed), QStringLiteral("ALPHA"));

        // The schema enforces it too, for writers that bypass the store.
        QVERIFY(!m_db->exec(QStringLiteral("INSERT INTO space_additional_names (space_id, position, name, port) "
                                           "VALUES (?, 5, 'ALPHA', 1)"),
                            {betaInserted->id})
                     .ok());
        QVERIFY(
            !m_db->exec(QStringLiteral("UPDATE spaces SET name = 'Web-ALPHA' WHERE id = ?"), {betaInserted->id}).ok());
        QVERIFY(!m_db->exec(QStringLiteral("UPDATE spaces SET name = 'Alpha' WHERE id = ?"), {betaInserted->id}).ok());

        // A removed space frees its names.
        QVERIFY_RESULT(store.remove(inserted->id));
        QVERIFY(!*store.isNameTaken(QStringLiteral("web-alpha")));
        QVERIFY_RESULT(store.update(renamed));
    }

    void removesWithChildren()
    {
        SpaceStore store(*m_db);
        const auto a = store.insert(fullSpace(m_templateId, QStringLiteral("alpha")));
        const auto b = store.insert(fullSpace(m_templateId, QStringLiteral("beta")));
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QVERIFY_RESULT(store.remove(a->id));
        QCOMPARE(store.get(a->id).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.getByName(QStringLiteral("alpha")).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.remove(a->id).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_temp->rowCount(QStringLiteral("space_additional_names")), 2);
        QCOMPARE(m_temp->rowCount(QStringLiteral("space_custom_fields")), 2);
        QCOMPARE(m_temp->rowCount(QStringLiteral("space_volumes")), 2);
        QCOMPARE(*store.list(), QList<Space> {*b});
    }

    void refusesUnknownTemplatesAndEngines()
    {
        SpaceStore store(*m_db);
        QVERIFY(!store.insert(fullSpace(QStringLiteral("no-such-template"), QStringLiteral("alpha"))).ok());
        Space onGhostEngine = fullSpace(m_templateId, QStringLiteral("alpha"));
        onGhostEngine.engineId = QStringLiteral("no-such-engine");
        QVERIFY(!store.insert(onGhostEngine).ok());
        // Nothing half-written stays behind.
        QCOMPARE(m_temp->rowCount(QStringLiteral("spaces")), 0);
        QCOMPARE(m_temp->rowCount(QStringLiteral("space_additional_names")), 0);
    }

    // Many spaces, each with its own children: list() must hand every child to its own space.
    void listsManySpacesWithTheirChildren()
    {
        SpaceStore store(*m_db);
        constexpr int count = 500;
        QVERIFY_RESULT(m_db->transaction([&]() -> VoidResult {
            for (int i = 0; i < count; ++i) {
                Space space = fullSpace(m_templateId, QStringLiteral("space-%1").arg(i, 3, 10, QLatin1Char('0')));
                space.customFields.insert(QStringLiteral("index"), QString::number(i));
                space.additionalNames.resize(i % 3);
                if (auto inserted = store.insert(space); !inserted) {
                    return inserted.error();
                }
            }
            return {};
        }));
        const auto all = store.list();
        QVERIFY_RESULT(all);
        QCOMPARE(all->size(), count);
        for (int i = 0; i < count; ++i) {
            const Space& space = all->at(i);
            QCOMPARE(space.name, QStringLiteral("space-%1").arg(i, 3, 10, QLatin1Char('0')));
            QCOMPARE(space.customFields.value(QStringLiteral("index")), QString::number(i));
            QCOMPARE(space.additionalNames.size(), i % 3);
            if (i % 3 > 0) {
                QCOMPARE(space.additionalNames.first().name, space.name + QStringLiteral("-web"));
            }
            QCOMPARE(space.volumeRecords.last().name, QStringLiteral("/srv/") + space.name);
        }
    }
};

QTEST_GUILESS_MAIN(TestSpaceStore)
#include "tst_spacestore.moc"
