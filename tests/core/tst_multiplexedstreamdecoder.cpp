#include "core/engine/multiplexedstreamdecoder.h"
#include "testutils.h"

#include <QtEndian>

using namespace Knot;

namespace {

QByteArray frame(char stream, const QByteArray& payload)
{
    QByteArray header(8, '\0');
    header[0] = stream;
    qToBigEndian<quint32>(static_cast<quint32>(payload.size()), header.data() + 4);
    return header + payload;
}

// Joins consecutive pieces of the same stream, as a reader would see them.
QList<QPair<int, QByteArray>> decode(const QList<QByteArray>& pieces)
{
    MultiplexedStreamDecoder decoder;
    QList<QPair<int, QByteArray>> out;
    for (const QByteArray& piece : pieces) {
        for (const auto& f : decoder.feed(piece)) {
            if (!out.isEmpty() && out.last().first == static_cast<int>(f.stream)) {
                out.last().second += f.data;
            } else {
                out.append({static_cast<int>(f.stream), f.data});
            }
        }
    }
    return out;
}

} // namespace

class TestMultiplexedStreamDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySplitPoint()
    {
        const QByteArray wire = frame(1, "hello\n") + frame(2, "oops\n") + frame(1, QByteArray()) + frame(1, "bye");
        const QList<QPair<int, QByteArray>> expected {{1, "hello\n"}, {2, "oops\n"}, {1, "bye"}};
        for (qsizetype a = 0; a <= wire.size(); ++a) {
            for (qsizetype b = a; b <= wire.size(); b += 3) {
                QCOMPARE(decode({wire.left(a), wire.mid(a, b - a), wire.mid(b)}), expected);
            }
        }
        QList<QByteArray> bytes;
        for (char c : wire) {
            bytes.append(QByteArray(1, c));
        }
        QCOMPARE(decode(bytes), expected);
    }

    void partialFrameIsReported()
    {
        MultiplexedStreamDecoder decoder;
        const QByteArray wire = frame(1, "abc");
        QVERIFY(decoder.feed(wire.left(9)).size() == 1);
        QVERIFY(decoder.hasPartialFrame());
        QCOMPARE(decoder.feed(wire.mid(9)).first().data, QByteArray("bc"));
        QVERIFY(!decoder.hasPartialFrame());
    }

    void largeFrame()
    {
        const QByteArray payload(100000, 'x');
        const auto out = decode({frame(2, payload)});
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.first().first, 2);
        QCOMPARE(out.first().second, payload);
    }
};

QTEST_GUILESS_MAIN(TestMultiplexedStreamDecoder)
#include "tst_multiplexedstreamdecoder.moc"
