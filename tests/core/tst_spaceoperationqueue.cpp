#include "core/result.h"
#include "core/space/spaceoperationqueue.h"

#include <QPromise>
#include <QSignalSpy>
#include <QTest>

using namespace Knot;

// Operations that finish when the test says so, recording when they started.
class ManualOperations
{
public:
    SpaceOperationQueue::Operation make(const QString& name)
    {
        return [this, name](std::function<void()> done) {
            started << name;
            m_done.insert(name, done);
        };
    }
    void finish(const QString& name) { m_done.take(name)(); }

    QStringList started;

private:
    QHash<QString, std::function<void()>> m_done;
};

class TestSpaceOperationQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSpaceRunsOneAfterTheOther()
    {
        SpaceOperationQueue queue;
        ManualOperations ops;
        queue.enqueue(QStringLiteral("a"), ops.make(QStringLiteral("a1")));
        queue.enqueue(QStringLiteral("a"), ops.make(QStringLiteral("a2")));
        QCOMPARE(ops.started, QStringList {QStringLiteral("a1")});
        QVERIFY(queue.isBusy(QStringLiteral("a")));
        QCOMPARE(queue.pendingCount(QStringLiteral("a")), 2);
        ops.finish(QStringLiteral("a1"));
        QTRY_COMPARE(ops.started, (QStringList {QStringLiteral("a1"), QStringLiteral("a2")}));
        QSignalSpy idle(&queue, &SpaceOperationQueue::idle);
        ops.finish(QStringLiteral("a2"));
        QCOMPARE(idle.count(), 1);
        QVERIFY(!queue.isBusy(QStringLiteral("a")));
    }

    void differentSpacesRunConcurrently()
    {
        SpaceOperationQueue queue;
        ManualOperations ops;
        queue.enqueue(QStringLiteral("a"), ops.make(QStringLiteral("a1")));
        queue.enqueue(QStringLiteral("b"), ops.make(QStringLiteral("b1")));
        QCOMPARE(ops.started, (QStringList {QStringLiteral("a1"), QStringLiteral("b1")}));
        ops.finish(QStringLiteral("b1"));
        QVERIFY(queue.isBusy(QStringLiteral("a")));
        QVERIFY(!queue.isBusy(QStringLiteral("b")));
        ops.finish(QStringLiteral("a1"));
    }

    void doneTwiceDoesNotSkipAnOperation()
    {
        SpaceOperationQueue queue;
        QStringList started;
        std::function<void()> firstDone;
        queue.enqueue(QStringLiteral("a"), [&](std::function<void()> done) {
            started << QStringLiteral("1");
            firstDone = done;
        });
        queue.enqueue(QStringLiteral("a"), [&](std::function<void()>) { started << QStringLiteral("2"); });
        queue.enqueue(QStringLiteral("a"), [&](std::function<void()>) { started << QStringLiteral("3"); });
        firstDone();
        firstDone();
        QTRY_COMPARE(started, (QStringList {QStringLiteral("1"), QStringLiteral("2")}));
        QTest::qWait(20);
        QCOMPARE(started.size(), 2);
    }

    void futureOperationsDeliverTheirResultInOrder()
    {
        SpaceOperationQueue queue;
        QPromise<Result<int>> first;
        first.start();
        QStringList order;
        auto a = queue.enqueue<Result<int>>(QStringLiteral("s"), [&]() {
            order << QStringLiteral("first");
            return first.future();
        });
        auto b = queue.enqueue<Result<int>>(QStringLiteral("s"), [&]() {
            order << QStringLiteral("second");
            QPromise<Result<int>> second;
            second.start();
            second.addResult(Result<int>(2));
            second.finish();
            return second.future();
        });
        QCOMPARE(order, QStringList {QStringLiteral("first")});
        first.addResult(Result<int>(1));
        first.finish();
        QTRY_VERIFY(a.isFinished() && b.isFinished());
        QCOMPARE(a.result().value(), 1);
        QCOMPARE(b.result().value(), 2);
        QCOMPARE(order, (QStringList {QStringLiteral("first"), QStringLiteral("second")}));
    }

    void abandonedFutureStillReleasesTheQueue()
    {
        SpaceOperationQueue queue;
        auto a = queue.enqueue<Result<int>>(QStringLiteral("s"), []() {
            QPromise<Result<int>> dropped; // destroyed unfinished: the future is cancelled
            dropped.start();
            return dropped.future();
        });
        QTRY_VERIFY(a.isFinished());
        QCOMPARE(a.result().error().kind, Error::Kind::Cancelled);
        QVERIFY(!queue.isBusy(QStringLiteral("s")));
    }
};

QTEST_GUILESS_MAIN(TestSpaceOperationQueue)
#include "tst_spaceoperationqueue.moc"
