#include "tableprinter.h"

#include <algorithm>

namespace Knot {

TablePrinter::TablePrinter(QStringList headers) : m_headers(std::move(headers)) { }

void TablePrinter::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size()) {
        cells.append(QString());
    }
    m_rows.append(std::move(cells));
}

void TablePrinter::print(QTextStream& out) const
{
    QList<qsizetype> widths;
    for (const auto& header : m_headers) {
        widths.append(header.size());
    }
    for (const auto& row : m_rows) {
        for (qsizetype i = 0; i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    }
    const auto printRow = [&](const QStringList& cells) {
        QString line;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            // The last column is not padded: no trailing spaces.
            line += i + 1 < widths.size() ? cells.at(i).leftJustified(widths[i] + 2) : cells.at(i);
        }
        out << line << '\n';
    };
    printRow(m_headers);
    for (const auto& row : m_rows) {
        printRow(row);
    }
}

} // namespace Knot
