#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Knot {

// Splits Docker's multiplexed stdout/stderr stream (logs and exec without a TTY): frames of an
// 8-byte header [stream, 0, 0, 0, size as big-endian uint32] followed by the payload.
class MultiplexedStreamDecoder
{
public:
    enum class Stream
    {
        Stdin = 0,
        Stdout = 1,
        Stderr = 2,
    };

    struct Frame
    {
        Stream stream = Stream::Stdout;
        QByteArray data;
    };

    // Frames completed by these bytes; partial frames wait for more. Consecutive pieces of one
    // frame are not merged so output can be shown as soon as it arrives.
    QList<Frame> feed(QByteArrayView data);
    // True while part of a frame is still missing.
    bool hasPartialFrame() const { return !m_header.isEmpty() || m_remaining > 0; }

private:
    QByteArray m_header;
    Stream m_stream = Stream::Stdout;
    quint32 m_remaining = 0;
};

} // namespace Knot
