#include "ui/terminal/terminalfeeder.h"
#include "ui/terminal/terminalsurface.h"

#include <QSignalSpy>
#include <QTest>

using namespace Knot;

namespace {

QByteArray numberedLines(int from, int to)
{
    QByteArray bytes;
    for (int i = from; i < to; ++i)
        bytes += "line " + QByteArray::number(i) + "\r\n";
    return bytes;
}

// The surface's last line written, read under the feeder's lock.
QString lastLine(TerminalFeeder& feeder, TerminalSurface& surface)
{
    const auto lock = feeder.lock();
    return surface.lineText(surface.screenTop() + surface.cursor().row - 1);
}

} // namespace

// The parser thread between a session's output and the surface: order, exclusion, coalesced notification.
class TestTerminalFeeder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesOnItsThreadInOrder()
    {
        TerminalSurface surface(24, 80);
        TerminalFeeder feeder(&surface);
        QSignalSpy parsed(&feeder, &TerminalFeeder::parsed);
        for (int i = 0; i < 50; ++i)
            feeder.append(numberedLines(i * 1000, (i + 1) * 1000));
        QTRY_COMPARE(feeder.pendingBytes(), 0);
        QCOMPARE(lastLine(feeder, surface), QStringLiteral("line 49999"));
        // One notification until it is acknowledged, however many slices were parsed.
        QTRY_COMPARE(parsed.count(), 1);
        QTest::qWait(20);
        QCOMPARE(parsed.count(), 1);
        feeder.acknowledge();
        feeder.append("more\r\n");
        QTRY_COMPARE(parsed.count(), 2);
        QCOMPARE(lastLine(feeder, surface), QStringLiteral("more"));
    }

    // Output parsed at once only when nothing is queued: otherwise it would overtake what is.
    void parseNowKeepsTheOrder()
    {
        TerminalSurface surface(24, 80);
        TerminalFeeder feeder(&surface);
        QVERIFY(feeder.parseNow("first\r\n"));
        QCOMPARE(surface.screenText(0), QStringLiteral("first"));
        {
            const auto lock = feeder.lock(); // the parser thread cannot take what is appended now
            feeder.append("second\r\n");
            QVERIFY(!feeder.parseNow("third\r\n"));
            feeder.append("third\r\n");
            QCOMPARE(surface.screenText(1), QString());
        }
        QTRY_COMPARE(feeder.pendingBytes(), 0);
        const auto lock = feeder.lock();
        QCOMPARE(surface.screenText(1), QStringLiteral("second"));
        QCOMPARE(surface.screenText(2), QStringLiteral("third"));
    }

    // While another thread holds the lock the parser thread writes nothing.
    void lockExcludesTheParser()
    {
        TerminalSurface surface(24, 80);
        TerminalFeeder feeder(&surface);
        auto lock = feeder.lock();
        const QByteArray output = numberedLines(0, 5000);
        feeder.append(output);
        QTest::qWait(50);
        QCOMPARE(feeder.pendingBytes(), output.size());
        QCOMPARE(surface.screenText(0), QString());
        lock.unlock();
        QTRY_COMPARE(feeder.pendingBytes(), 0);
        QCOMPARE(lastLine(feeder, surface), QStringLiteral("line 4999"));
    }

    // drain() parses on the calling thread, down to what it is told to leave.
    void drainParsesOnTheCallingThread()
    {
        TerminalSurface surface(24, 80);
        TerminalFeeder feeder(&surface);
        QByteArray output;
        {
            const auto lock = feeder.lock();
            output = numberedLines(0, 20000);
            feeder.append(output);
            feeder.drain(output.size() / 2);
            QVERIFY(feeder.pendingBytes() <= output.size() / 2);
            QVERIFY(feeder.pendingBytes() > 0);
            feeder.drain();
            QCOMPARE(feeder.pendingBytes(), 0);
            QCOMPARE(surface.lineText(surface.screenTop() + surface.cursor().row - 1), QStringLiteral("line 19999"));
        }
    }

    // A surface slot that drains again from inside a write (an answer echoed back) does not re-enter libvterm.
    void drainFromInsideAWriteWaits()
    {
        TerminalSurface surface(24, 80);
        TerminalFeeder feeder(&surface);
        int answers = 0;
        connect(&surface, &TerminalSurface::sendToSession, this, [&](const QByteArray& bytes) {
            ++answers;
            QVERIFY(!feeder.parseNow(bytes));
            feeder.append("echoed\r\n");
            feeder.drain();
        });
        QVERIFY(feeder.parseNow("\x1b[cabc\r\n"));
        QCOMPARE(answers, 1);
        feeder.drain();
        const auto lock = feeder.lock();
        QCOMPARE(surface.screenText(0), QStringLiteral("abc"));
        QCOMPARE(surface.screenText(1), QStringLiteral("echoed"));
    }

    // Reading the surface under the lock while the parser thread floods it: every read sees whole lines.
    void readsUnderTheLockSeeWholeLines()
    {
        TerminalSurface surface(24, 80);
        surface.setScrollbackCapacity(1000);
        TerminalFeeder feeder(&surface);
        for (int i = 0; i < 100; ++i)
            feeder.append(numberedLines(i * 1000, (i + 1) * 1000));
        int reads = 0;
        while (feeder.pendingBytes() > 0) {
            {
                const auto lock = feeder.lock();
                for (qint64 line = surface.firstLine(); line < surface.screenTop() + surface.cursor().row; ++line) {
                    const QString text = surface.lineText(line);
                    QVERIFY2(text.startsWith(QLatin1String("line ")), qPrintable(text));
                }
                ++reads;
            }
            // As a GUI thread reads: now and then, with other work in between. A thread that relocks at once
            // keeps a parser thread woken by the unlock from ever getting the lock.
            QTest::qWait(1);
        }
        QVERIFY(reads > 0);
        QCOMPARE(lastLine(feeder, surface), QStringLiteral("line 99999"));
    }

    // Destroyed with output still queued: the thread stops, nothing is left running.
    void stopsWithOutputQueued()
    {
        TerminalSurface surface(24, 80);
        {
            TerminalFeeder feeder(&surface);
            for (int i = 0; i < 20; ++i)
                feeder.append(numberedLines(0, 10000));
        }
        QVERIFY(surface.screenTop() >= 0);
    }
};

QTEST_GUILESS_MAIN(TestTerminalFeeder)
#include "tst_terminalfeeder.moc"
