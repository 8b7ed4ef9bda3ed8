#include "core/template/templatehash.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace Knot {

namespace {

// Each field is its UTF-8 length as 8 big-endian bytes, then the bytes: no two different field
// sequences serialize alike.
class CanonicalWriter
{
public:
    void add(const QString& text)
    {
        const QByteArray bytes = text.toUtf8();
        const quint64 length = qToBigEndian(quint64(bytes.size()));
        m_hash.addData(QByteArrayView(reinterpret_cast<const char*>(&length), sizeof length));
        m_hash.addData(bytes);
    }
    void add(bool flag) { add(flag ? QStringLiteral("1") : QStringLiteral("0")); }
    void add(qsizetype count) { add(QString::number(count)); }

    QString hex() const { return QString::fromLatin1(m_hash.result().toHex()); }

private:
    QCryptographicHash m_hash {QCryptographicHash::Sha256};
};

} // namespace

QString TemplateHash::compute(const Template& tmpl)
{
    CanonicalWriter writer;
    // A version tag, so a change of what is covered changes every hash instead of colliding.
    writer.add(QStringLiteral("knot-template-hash-1"));
    writer.add(tmpl.job);
    writer.add(tmpl.volumes);
    writer.add(toText(tmpl.platform));
    writer.add(tmpl.features.terminal);
    writer.add(tmpl.features.codeServer);
    writer.add(tmpl.features.vscodeTunnel);
    writer.add(tmpl.features.ssh);
    writer.add(tmpl.features.runCommand);
    writer.add(tmpl.features.nodeMigration);
    writer.add(tmpl.customFields.size());
    for (const CustomField& field : tmpl.customFields) {
        writer.add(field.name);
        writer.add(field.description);
    }
    return writer.hex();
}

} // namespace Knot
