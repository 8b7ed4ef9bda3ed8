#include "core/store/database.h"
#include "core/store/enginestore.h"
#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "storefixtures.h"
#include "testutils.h"

#include <QTemporaryDir>

using namespace Knot;

class TestEngineStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StoreFixtures::TemporaryDatabase> m_temp;
    Database* m_db = nullptr;

    static EngineRecord engine(const QString& name, EngineRecord::Kind kind, bool isDefault = false)
    {
        return {{}, name, QStringLiteral("unix:///run/") + name + QStringLiteral(".sock"), kind, isDefault};
    }

    QStringList defaults(EngineStore& store)
    {
        QStringList names;
        for (const EngineRecord& e : store.list().valueOr({})) {
            if (e.isDefault) {
                names.append(e.name);
            }
        }
        return names;
    }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<StoreFixtures::TemporaryDatabase>();
        m_db = m_temp->db.get();
        QVERIFY(m_db);
    }
    void cleanup() { m_temp.reset(); }

    void roundTripsEveryField()
    {
        EngineStore store(*m_db);
        const auto none = store.defaultEngine();
        QVERIFY_RESULT(none);
        QVERIFY(!none->has_value());

        const auto podman = store.add(engine(QStringLiteral("podman"), EngineRecord::Kind::Podman));
        QVERIFY_RESULT(podman);
        QVERIFY(!podman->id.isEmpty());
        QVERIFY(podman->isDefault); // the first engine becomes the default
        const auto docker = store.add(engine(QStringLiteral("docker"), EngineRecord::Kind::Docker));
        QVERIFY_RESULT(docker);
        QVERIFY(!docker->isDefault);
        EngineRecord remote = engine(QStringLiteral("remote"), EngineRecord::Kind::Unknown);
        remote.id = QStringLiteral("remote-id");
        remote.endpoint = QStringLiteral("tcp://10.0.0.2:2375");
        const auto added = store.add(remote);
        QVERIFY_RESULT(added);
        QCOMPARE(*added, remote);

        QCOMPARE(*store.get(podman->id), *podman);
        QCOMPARE(*store.get(docker->id), *docker);
        QCOMPARE(*store.get(QStringLiteral("remote-id")), remote);
        QCOMPARE(*store.list(), (QList<EngineRecord> {*docker, *podman, remote}));
        QCOMPARE(**store.defaultEngine(), *podman);

        EngineRecord renamed = *docker;
        renamed.name = QStringLiteral("Docker (rootless)");
        renamed.endpoint = QStringLiteral("unix:///run/user/1000/docker.sock");
        renamed.kind = EngineRecord::Kind::Podman;
        QVERIFY_RESULT(store.update(renamed));
        QCOMPARE(*store.get(docker->id), renamed);
    }

    void keepsOneDefault()
    {
        EngineStore store(*m_db);
        const auto a = store.add(engine(QStringLiteral("a"), EngineRecord::Kind::Podman));
        const auto b = store.add(engine(QStringLiteral("b"), EngineRecord::Kind::Docker, true));
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QCOMPARE(defaults(store), QStringList {QStringLiteral("b")});
        QVERIFY_RESULT(store.setDefault(a->id));
        QCOMPARE(defaults(store), QStringList {QStringLiteral("a")});
        QCOMPARE((*store.defaultEngine())->id, a->id);
        // update() does not touch the flag.
        EngineRecord bChanged = *b;
        bChanged.isDefault = true;
        QVERIFY_RESULT(store.update(bChanged));
        QCOMPARE(defaults(store), QStringList {QStringLiteral("a")});

        QCOMPARE(store.setDefault(QStringLiteral("nope")).error().kind, Error::Kind::NotFound);
        QCOMPARE(defaults(store), QStringList {QStringLiteral("a")});

        QVERIFY_RESULT(store.remove(a->id));
        QVERIFY(!store.defaultEngine()->has_value());
    }

    void refusesRemoveWhileSpacesUseIt()
    {
        EngineStore engines(*m_db);
        const auto used = engines.add(engine(QStringLiteral("used"), EngineRecord::Kind::Podman));
        QVERIFY_RESULT(used);
        const auto tmpl = TemplateStore(*m_db).insert(StoreFixtures::fullTemplate(QStringLiteral("t")));
        QVERIFY_RESULT(tmpl);
        Space space = StoreFixtures::fullSpace(tmpl->id, QStringLiteral("alpha"));
        space.engineId = used->id;
        const auto inserted = SpaceStore(*m_db).insert(space);
        QVERIFY_RESULT(inserted);

        const auto refused = engines.remove(used->id);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);
        QVERIFY2(refused.error().message.contains(QStringLiteral("used by 1 space")),
                 qPrintable(refused.error().message));
        QVERIFY_RESULT(engines.get(used->id));

        QVERIFY_RESULT(SpaceStore(*m_db).remove(inserted->id));
        QVERIFY_RESULT(engines.remove(used->id));
        QCOMPARE(engines.get(used->id).error().kind, Error::Kind::NotFound);
        QCOMPARE(engines.remove(used->id).error().kind, Error::Kind::NotFound);
        QCOMPARE(engines.update(*used).error().kind, Error::Kind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestEngineStore)
#include "tst_enginestore.moc"
