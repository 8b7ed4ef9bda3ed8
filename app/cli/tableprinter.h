#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Knot {

// Prints rows as left-aligned columns sized to their widest cell, the way `podman ps` does.
class TablePrinter
{
public:
    explicit TablePrinter(QStringList headers);

    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    void print(QTextStream& out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace Knot
