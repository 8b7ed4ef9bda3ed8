#!/usr/bin/env bash
# Sets up a fresh Debian 12 / Ubuntu 24.04 machine, builds Knot Desktop and launches it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset default
cmake --build --preset default
exec ./build/bin/knot-desktop "$@"
