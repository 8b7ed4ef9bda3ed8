#include "core/engine/httpresponseparser.h"
#include "testutils.h"

using namespace Knot;

namespace {

struct Parsed
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    qsizetype used = 0;
    bool done = false;
    bool failed = false;
    bool upgrade = false;
    bool keepAlive = false;
};

// Feeds `pieces` one after the other, as a socket would deliver them.
Parsed parse(const QList<QByteArray>& pieces, bool eof = false, bool expectUpgrade = false, bool head = false)
{
    HttpResponseParser parser(head, expectUpgrade);
    Parsed result;
    for (const QByteArray& piece : pieces) {
        if (parser.isDone() || parser.hasFailed()) {
            break;
        }
        result.used += parser.feed(piece);
        result.body += parser.takeBody();
    }
    if (eof) {
        parser.feedEof();
        result.body += parser.takeBody();
    }
    result.status = parser.response().status;
    result.contentType = parser.response().header("content-type");
    result.done = parser.isDone();
    result.failed = parser.hasFailed();
    result.upgrade = parser.isUpgrade();
    result.keepAlive = parser.keepAlive();
    return result;
}

QList<QByteArray> splitAt(const QByteArray& data, qsizetype at)
{
    return {data.left(at), data.mid(at)};
}

QList<QByteArray> bytewise(const QByteArray& data)
{
    QList<QByteArray> pieces;
    for (char c : data) {
        pieces.append(QByteArray(1, c));
    }
    return pieces;
}

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private:
    // Every way of cutting `wire` in two, and byte by byte, gives the same reply.
    void checkAllSplits(const QByteArray& wire, int status, const QByteArray& body, bool eof = false)
    {
        for (qsizetype at = 0; at <= wire.size(); ++at) {
            const Parsed p = parse(splitAt(wire, at), eof);
            QVERIFY2(p.done, qPrintable(QStringLiteral("split at %1").arg(at)));
            QCOMPARE(p.status, status);
            QCOMPARE(p.body, body);
        }
        const Parsed p = parse(bytewise(wire), eof);
        QVERIFY(p.done);
        QCOMPARE(p.body, body);
    }

private Q_SLOTS:
    void contentLength()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
                                "{\"Id\":\"abc\"}\n";
        checkAllSplits(wire, 200, "{\"Id\":\"abc\"}\n");
        const Parsed p = parse({wire});
        QCOMPARE(p.contentType, QByteArray("application/json"));
        QVERIFY(p.keepAlive);
        QCOMPARE(p.used, wire.size());
    }

    void chunked()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n";
        checkAllSplits(wire, 200, "hello, world");
        QVERIFY(parse({wire}).keepAlive);
    }

    void closeDelimited()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed until the end";
        checkAllSplits(wire, 200, "streamed until the end", true);
        const Parsed p = parse({wire}, false);
        QVERIFY(!p.done);
        QVERIFY(!p.keepAlive);
    }

    void noBodyStatuses()
    {
        checkAllSplits("HTTP/1.1 204 No Content\r\nServer: Docker\r\n\r\n", 204, {});
        checkAllSplits("HTTP/1.1 304 Not Modified\r\n\r\n", 304, {});
        const Parsed head = parse({"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"}, false, false, true);
        QVERIFY(head.done);
    }

    void interimReplyIsSkipped()
    {
        checkAllSplits("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", 201, "ok");
    }

    void bareNewlinesAndFolding()
    {
        const Parsed p = parse({"HTTP/1.1 200 OK\nX-Long: a\n  b\nContent-Length: 1\n\nZ"});
        QVERIFY(p.done);
        QCOMPARE(p.body, QByteArray("Z"));
    }

    void upgradeKeepsBytesBehindHeaders()
    {
        const QByteArray head = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                                "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
        const QByteArray wire = head + "$ prompt";
        for (qsizetype at = 0; at <= wire.size(); ++at) {
            const Parsed p = parse(splitAt(wire, at), false, true);
            QVERIFY(p.done);
            QVERIFY(p.upgrade);
            QVERIFY(!p.keepAlive);
            QCOMPARE(p.used, head.size());
            QVERIFY(p.body.isEmpty());
        }
        // Older Docker answers 200 and hijacks all the same.
        const Parsed old =
            parse({"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nxy"}, false, true);
        QVERIFY(old.upgrade);
        // An error is still an ordinary reply.
        const Parsed error = parse({"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"}, false, true);
        QVERIFY(!error.upgrade);
        QCOMPARE(error.body, QByteArray("{}"));
    }

    void stopsAtEndOfReply()
    {
        const QByteArray first = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none";
        const QByteArray second = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo";
        const Parsed p = parse({first + second});
        QCOMPARE(p.used, first.size());
        QCOMPARE(p.body, QByteArray("one"));
    }

    void connectionClose()
    {
        const Parsed p = parse({"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"});
        QVERIFY(p.done);
        QVERIFY(!p.keepAlive);
        const Parsed old = parse({"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"});
        QVERIFY(!old.keepAlive);
    }

    void malformed()
    {
        QVERIFY(parse({"SSH-2.0-OpenSSH\r\n"}).failed);
        QVERIFY(parse({"HTTP/1.1 abc OK\r\n"}).failed);
        QVERIFY(parse({"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n"}).failed);
        QVERIFY(parse({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}).failed);
        QVERIFY(parse({"HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n"}).failed);
        QVERIFY(parse({"HTTP/1.1 200 OK\r\n" + QByteArray(300 * 1024, 'x')}).failed);
    }

    void truncated()
    {
        const Parsed body = parse({"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"}, true);
        QVERIFY(body.failed);
        QCOMPARE(body.body, QByteArray("abc"));
        QVERIFY(parse({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"}, true).failed);
        QVERIFY(parse({}, true).failed);
    }

    void longChunkedStreamStaysWithinLimits()
    {
        // An event stream sends chunk after chunk for hours; only single lines count toward limits.
        HttpResponseParser parser;
        parser.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QByteArray chunk = "400\r\n" + QByteArray(0x400, 'e') + "\r\n";
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(parser.feed(chunk), chunk.size());
        }
        QVERIFY(!parser.hasFailed());
        QCOMPARE(parser.takeBody().size(), 1000 * 0x400);
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
