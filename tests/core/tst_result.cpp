#include "core/model/diagnostic.h"
#include "core/model/space.h"
#include "core/model/template.h"
#include "core/result.h"
#include "testutils.h"

using namespace Knot;

class TestResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueAndError()
    {
        Result<int> good = 42;
        QVERIFY_RESULT(good);
        QCOMPARE(*good, 42);
        Result<int> bad = Error::invalid(QStringLiteral("bad"), QStringLiteral("because"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind, Error::Kind::Invalid);
        QCOMPARE(bad.error().toString(), QStringLiteral("bad (because)"));
        QCOMPARE(bad.valueOr(7), 7);
        VoidResult done;
        QVERIFY(done.ok());
        VoidResult failed = Error::cancelled();
        QCOMPARE(failed.error().kind, Error::Kind::Cancelled);
    }

    void enumNamesRoundTrip()
    {
        for (auto p : {Platform::Container, Platform::Docker, Platform::Podman, Platform::Manual}) {
            QCOMPARE(platformFromText(toText(p)), p);
        }
        for (auto s : {SpaceState::Stopped,
                       SpaceState::Starting,
                       SpaceState::Running,
                       SpaceState::Stopping,
                       SpaceState::Deleting,
                       SpaceState::Failed}) {
            QCOMPARE(spaceStateFromText(toText(s)), s);
        }
        QCOMPARE(pullPolicyFromText(QStringLiteral("if-missing")), PullPolicy::IfMissing);
        QVERIFY(!platformFromText(QStringLiteral("kubernetes")).has_value());
    }

    void diagnosticText()
    {
        Diagnostic d {Diagnostic::Severity::Error, 3, 5, QStringLiteral("ports[0]"), QStringLiteral("out of range")};
        QCOMPARE(d.toString(), QStringLiteral("line 3, column 5: ports[0]: out of range"));
        QVERIFY(hasErrors({d}));
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
