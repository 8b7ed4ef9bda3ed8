#pragma once

#include "core/result.h"

#include <QTest>

// Verify a Result and print its error when it failed.
#define QVERIFY_RESULT(expr)                                                                                           \
    do {                                                                                                               \
        const auto& knotResult_ = (expr);                                                                              \
        QVERIFY2(knotResult_.ok(), knotResult_.ok() ? "" : qPrintable(knotResult_.error().toString()));                \
    } while (false)
