#include "core/store/database.h"
#include "core/store/spacestore.h"
#include "core/store/templatestore.h"
#include "storefixtures.h"
#include "testutils.h"

#include <QTemporaryDir>

using namespace Knot;
using StoreFixtures::fullSpace;
using StoreFixtures::fullTemplate;

class TestTemplateStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StoreFixtures::TemporaryDatabase> m_temp;
    Database* m_db = nullptr;

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
        TemplateStore store(*m_db);
        const Template original = fullTemplate(QStringLiteral("Debian"));
        const auto inserted = store.insert(original);
        QVERIFY_RESULT(inserted);
        QVERIFY(!inserted->id.isEmpty());
        QVERIFY(!inserted->id.contains(u'{'));
        Template expected = original;
        expected.id = inserted->id;
        QCOMPARE(*inserted, expected);

        const auto byId = store.get(inserted->id);
        QVERIFY_RESULT(byId);
        QCOMPARE(*byId, expected);
        const auto byName = store.getByName(QStringLiteral("dEBIAN"));
        QVERIFY_RESULT(byName);
        QCOMPARE(*byName, expected);
        const auto all = store.list();
        QVERIFY_RESULT(all);
        QCOMPARE(*all, QList<Template> {expected});
    }

    void roundTripsDefaults()
    {
        // No VNC, no ports or fields, empty texts, no timestamps given: insert fills them.
        TemplateStore store(*m_db);
        Template plain;
        plain.id = QStringLiteral("given-id");
        plain.name = QStringLiteral("plain");
        const auto inserted = store.insert(plain);
        QVERIFY_RESULT(inserted);
        QCOMPARE(inserted->id, QStringLiteral("given-id"));
        QVERIFY(inserted->createdAt.isValid());
        QCOMPARE(inserted->updatedAt, inserted->createdAt);
        QCOMPARE(inserted->createdAt.timeSpec(), Qt::UTC);
        const auto stored = store.get(QStringLiteral("given-id"));
        QVERIFY_RESULT(stored);
        QCOMPARE(*stored, *inserted);
        QVERIFY(!stored->vnc.has_value());
        QCOMPARE(stored->features, TemplateFeatures {});
    }

    void updatesTheWholeRecord()
    {
        TemplateStore store(*m_db);
        const auto inserted = store.insert(fullTemplate(QStringLiteral("first")));
        QVERIFY_RESULT(inserted);

        Template changed = fullTemplate(QStringLiteral("second"));
        changed.id = inserted->id;
        changed.platform = Platform::Manual;
        changed.ports = {{QStringLiteral("only"), 1, PortProtocol::Http}};
        changed.customFields.clear();
        changed.vnc.reset();
        changed.features = {true, false, false, false, false};
        changed.pullPolicy = PullPolicy::Always;
        const auto updated = store.update(changed);
        QVERIFY_RESULT(updated);
        QVERIFY(updated->updatedAt.isValid());
        changed.updatedAt = updated->updatedAt;
        QCOMPARE(*updated, changed);
        const auto stored = store.get(inserted->id);
        QVERIFY_RESULT(stored);
        QCOMPARE(*stored, changed);
        QCOMPARE(m_temp->rowCount(QStringLiteral("template_ports")), 1);
        QCOMPARE(m_temp->rowCount(QStringLiteral("template_custom_fields")), 0);
    }

    void refusesDuplicateNames()
    {
        TemplateStore store(*m_db);
        const auto first = store.insert(fullTemplate(QStringLiteral("Go")));
        QVERIFY_RESULT(first);
        const auto clash = store.insert(fullTemplate(QStringLiteral("GO")));
        QVERIFY(!clash.ok());
        QCOMPARE(clash.error().kind, Error::Kind::Conflict);
        QVERIFY2(clash.error().message.contains(QStringLiteral("GO")), qPrintable(clash.error().message));

        const auto second = store.insert(fullTemplate(QStringLiteral("Rust")));
        QVERIFY_RESULT(second);
        Template renamed = *second;
        renamed.name = QStringLiteral("go");
        const auto refused = store.update(renamed);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);
        // Keeping its own name (in another case) is fine.
        renamed.name = QStringLiteral("RUST");
        QVERIFY_RESULT(store.update(renamed));
        QCOMPARE(store.list()->size(), 2);
    }

    void refusesDeleteWhileSpacesUseIt()
    {
        TemplateStore templates(*m_db);
        SpaceStore spaces(*m_db);
        const auto used = templates.insert(fullTemplate(QStringLiteral("used")));
        const auto unused = templates.insert(fullTemplate(QStringLiteral("unused")));
        QVERIFY_RESULT(used);
        QVERIFY_RESULT(unused);
        const auto a = spaces.insert(fullSpace(used->id, QStringLiteral("alpha")));
        const auto b = spaces.insert(fullSpace(used->id, QStringLiteral("beta")));
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);

        QCOMPARE(*templates.spaceCount(used->id), 2);
        QCOMPARE(*templates.spaceCount(unused->id), 0);
        const auto counts = templates.spaceCounts();
        QVERIFY_RESULT(counts);
        QCOMPARE(*counts, (QHash<QString, int> {{used->id, 2}}));

        const auto refused = templates.remove(used->id);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);
        QVERIFY2(refused.error().message.contains(QStringLiteral("used by 2 space")),
                 qPrintable(refused.error().message));
        QVERIFY_RESULT(templates.get(used->id));

        // The schema refuses it too, whoever asks.
        QVERIFY(!m_db->exec(QStringLiteral("DELETE FROM templates WHERE id = ?"), {used->id}).ok());

        QVERIFY_RESULT(spaces.remove(a->id));
        QVERIFY_RESULT(spaces.remove(b->id));
        QVERIFY_RESULT(templates.remove(used->id));
        QCOMPARE(templates.get(used->id).error().kind, Error::Kind::NotFound);
        // Children went with it; the other template's stayed.
        QCOMPARE(m_temp->rowCount(QStringLiteral("template_ports")), 3);
        QCOMPARE(m_temp->rowCount(QStringLiteral("template_custom_fields")), 2);
    }

    void reportsMissingTemplates()
    {
        TemplateStore store(*m_db);
        QCOMPARE(store.get(QStringLiteral("nope")).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.getByName(QStringLiteral("nope")).error().kind, Error::Kind::NotFound);
        QCOMPARE(store.remove(QStringLiteral("nope")).error().kind, Error::Kind::NotFound);
        Template ghost = fullTemplate(QStringLiteral("ghost"));
        ghost.id = QStringLiteral("nope");
        QCOMPARE(store.update(ghost).error().kind, Error::Kind::NotFound);
        QVERIFY(store.list()->isEmpty());
    }

    void listsByNameWithTheirOwnChildren()
    {
        TemplateStore store(*m_db);
        for (const auto* name : {u"zeta", u"Alpha", u"mid"}) {
            Template t = fullTemplate(QString::fromUtf16(name));
            t.ports = {{QString::fromUtf16(name), 1000, PortProtocol::Tcp}};
            QVERIFY_RESULT(store.insert(t));
        }
        const auto all = store.list();
        QVERIFY_RESULT(all);
        QCOMPARE(all->size(), 3);
        QStringList names;
        for (const Template& t : *all) {
            names.append(t.name);
            QCOMPARE(t.ports.size(), 1);
            QCOMPARE(t.ports.first().name, t.name);
            QCOMPARE(t.customFields.size(), 2);
        }
        QCOMPARE(names, (QStringList {QStringLiteral("Alpha"), QStringLiteral("mid"), QStringLiteral("zeta")}));
    }
};

QTEST_GUILESS_MAIN(TestTemplateStore)
#include "tst_templatestore.moc"
