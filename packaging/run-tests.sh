#!/usr/bin/env bash
# Sets up a fresh Debian 12 / Ubuntu 24.04 machine, builds Knot Desktop and runs every test.
# Usage: packaging/run-tests.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh --with-tests
cmake --preset default
cmake --build --preset default
ctest --preset default "$@"
