#include "core/engine/enginejob.h"

namespace Knot {

EngineJob::EngineJob(QObject* parent) : QObject(parent) { }

void EngineJob::cancel()
{
    if (m_finished) {
        return;
    }
    if (auto handler = std::exchange(m_cancelHandler, {})) {
        handler();
    }
    reportFinished(Error::cancelled());
}

void EngineJob::reportProgress(int percent, const QString& status)
{
    if (m_finished || (percent == m_percent && status == m_status)) {
        return;
    }
    m_percent = percent;
    m_status = status;
    Q_EMIT progress(percent, status);
}

void EngineJob::reportOutput(const QByteArray& data, bool standardError)
{
    if (!m_finished && !data.isEmpty()) {
        Q_EMIT output(data, standardError);
    }
}

void EngineJob::reportFinished(VoidResult result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_cancelHandler = {};
    m_result = std::move(result);
    Q_EMIT finished();
}

} // namespace Knot
