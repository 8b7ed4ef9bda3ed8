#include "core/engine/multiplexedstreamdecoder.h"

#include <QtEndian>

namespace Knot {

QList<MultiplexedStreamDecoder::Frame> MultiplexedStreamDecoder::feed(QByteArrayView data)
{
    QList<Frame> frames;
    qsizetype pos = 0;
    while (pos < data.size()) {
        if (m_remaining == 0) {
            const qsizetype take = std::min<qsizetype>(8 - m_header.size(), data.size() - pos);
            m_header += data.sliced(pos, take);
            pos += take;
            if (m_header.size() < 8) {
                break;
            }
            const auto type = static_cast<quint8>(m_header.at(0));
            m_stream = type <= 2 ? static_cast<Stream>(type) : Stream::Stdout;
            m_remaining = qFromBigEndian<quint32>(m_header.constData() + 4);
            m_header.clear();
            continue;
        }
        const qsizetype take = std::min<qsizetype>(m_remaining, data.size() - pos);
        frames.append({m_stream, data.sliced(pos, take).toByteArray()});
        pos += take;
        m_remaining -= static_cast<quint32>(take);
    }
    return frames;
}

} // namespace Knot
