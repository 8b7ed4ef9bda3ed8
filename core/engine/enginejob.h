#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace Knot {

// A streaming engine operation (image pull or import, container logs): progress and output as
// they come, then finished() once with result(). Whoever runs the operation drives it through
// the report*() calls, so a fake engine can drive one too.
class EngineJob : public QObject
{
    Q_OBJECT

public:
    explicit EngineJob(QObject* parent = nullptr);

    bool isFinished() const { return m_finished; }
    const VoidResult& result() const { return m_result; }
    int percent() const { return m_percent; }
    QString statusText() const { return m_status; }

    // Stops the operation; finished() follows with a Cancelled error unless it had finished.
    void cancel();

    void setCancelHandler(std::function<void()> handler) { m_cancelHandler = std::move(handler); }
    void reportProgress(int percent, const QString& status);
    void reportOutput(const QByteArray& data, bool standardError);
    void reportFinished(VoidResult result);

Q_SIGNALS:
    // percent is 0–100, or -1 when unknown.
    void progress(int percent, const QString& status);
    void output(const QByteArray& data, bool standardError);
    void finished();

private:
    std::function<void()> m_cancelHandler;
    VoidResult m_result;
    QString m_status;
    int m_percent = -1;
    bool m_finished = false;
};

} // namespace Knot
