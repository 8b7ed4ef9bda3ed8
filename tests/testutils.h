#pragma once

#include "core/result.h"

#include <QTcpServer>
#include <QTest>

// Verify a Result and print its error when it failed.
#define QVERIFY_RESULT(expr)                                                                                           \
    do {                                                                                                               \
        const auto& knotResult_ = (expr);                                                                              \
        QVERIFY2(knotResult_.ok(), knotResult_.ok() ? "" : qPrintable(knotResult_.error().toString()));                \
    } while (false)

namespace KnotTest {

// A TCP port on 127.0.0.1 that nothing listened on a moment ago (0 if none could be had).
inline int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.serverPort();
}

} // namespace KnotTest
