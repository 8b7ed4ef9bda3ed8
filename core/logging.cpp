#include "core/logging.h"

Q_LOGGING_CATEGORY(lcEngine, "knot.engine", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "knot.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTemplate, "knot.template", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSpace, "knot.space", QtWarningMsg)
Q_LOGGING_CATEGORY(lcExec, "knot.exec", QtWarningMsg)
Q_LOGGING_CATEGORY(lcForward, "knot.forward", QtWarningMsg)
