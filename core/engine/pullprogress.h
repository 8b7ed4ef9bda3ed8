#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Knot {

// Folds the JSON-lines progress of an image pull or import into one percentage and a status
// line. The engine reports each layer's bytes separately; the percentage is their sum over the
// sum of the layer sizes known so far. An "error" object ends the operation even though the
// HTTP status was 200.
class PullProgress
{
public:
    void consume(const QJsonObject& message);

    // 0–100, or -1 while no layer size is known.
    int percent() const;
    QString statusText() const { return m_status; }
    std::optional<QString> error() const { return m_error; }
    // An image ID some replies carry (import: {"status":"sha256:…"}).
    QString imageId() const { return m_imageId; }

private:
    struct Layer
    {
        qint64 current = 0;
        qint64 total = 0;
        bool done = false;
    };

    QHash<QString, Layer> m_layers;
    QString m_status;
    QString m_imageId;
    std::optional<QString> m_error;
};

} // namespace Knot
