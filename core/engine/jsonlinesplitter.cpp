#include "core/engine/jsonlinesplitter.h"

#include <QJsonDocument>

namespace Knot {

QList<QJsonObject> JsonLineSplitter::feed(QByteArrayView data)
{
    QList<QJsonObject> objects;
    m_buffer += data;
    qsizetype start = 0;
    for (qsizetype newline = m_buffer.indexOf('\n'); newline >= 0; newline = m_buffer.indexOf('\n', start)) {
        parseLine(m_buffer.mid(start, newline - start), objects);
        start = newline + 1;
    }
    m_buffer.remove(0, start);
    return objects;
}

QList<QJsonObject> JsonLineSplitter::finish()
{
    QList<QJsonObject> objects;
    parseLine(std::exchange(m_buffer, {}), objects);
    return objects;
}

void JsonLineSplitter::parseLine(const QByteArray& line, QList<QJsonObject>& out)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty()) {
        return;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        ++m_invalid;
        return;
    }
    out.append(document.object());
}

} // namespace Knot
