#!/usr/bin/env bash
# Starts private Podman and Docker engines for the integration tests (filled in with the engine client).
set -euo pipefail
mkdir -p "$1"
