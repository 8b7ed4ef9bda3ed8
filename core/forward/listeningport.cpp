#include "core/forward/listeningport.h"

#include <QHostAddress>

namespace Knot {

bool ListeningPort::isLoopback() const
{
    return QHostAddress(address).isLoopback();
}

QList<int> ListeningPort::numbers(const QList<ListeningPort>& ports)
{
    QList<int> numbers;
    numbers.reserve(ports.size());
    for (const ListeningPort& port : ports) {
        numbers.append(port.port);
    }
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

Result<QList<ListeningPort>> ListeningPort::parseList(const QByteArray& output)
{
    QList<ListeningPort> ports;
    int lineNumber = 0;
    for (const QByteArray& raw : output.split('\n')) {
        ++lineNumber;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QList<QByteArray> fields = line.simplified().split(' ');
        bool ok = false;
        const int port = fields.value(0).toInt(&ok);
        if (fields.size() != 2 || !ok || port < 1 || port > 65535
            || QHostAddress(QString::fromLatin1(fields[1])).isNull()) {
            return Error::invalid(QStringLiteral("Unexpected output from the port listing helper"),
                                  QStringLiteral("line %1: %2").arg(lineNumber).arg(QString::fromUtf8(line)));
        }
        ports.append({port, QString::fromLatin1(fields[1])});
    }
    return ports;
}

} // namespace Knot
