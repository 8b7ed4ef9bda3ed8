#pragma once

#include <QLoggingCategory>

// One category per area; warnings by default (QT_LOGGING_RULES="knot.*.debug=true" to see more).
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcTemplate)
Q_DECLARE_LOGGING_CATEGORY(lcSpace)
Q_DECLARE_LOGGING_CATEGORY(lcExec)
Q_DECLARE_LOGGING_CATEGORY(lcForward)
