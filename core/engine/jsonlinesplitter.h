#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>

namespace Knot {

// Turns a stream of newline-separated JSON objects (events, pull and import progress) into
// objects, whatever the piece boundaries. Lines that are not JSON objects are counted and skipped.
class JsonLineSplitter
{
public:
    QList<QJsonObject> feed(QByteArrayView data);
    // The unterminated last line, when the stream has ended.
    QList<QJsonObject> finish();
    int invalidLines() const { return m_invalid; }

private:
    void parseLine(const QByteArray& line, QList<QJsonObject>& out);

    QByteArray m_buffer;
    int m_invalid = 0;
};

} // namespace Knot
