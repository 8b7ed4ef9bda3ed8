#!/usr/bin/env bash
# Space start: time from SpaceService::start to Running against `podman --url … run -d` / `docker -H … run -d`
# of the same container, on the private test engines (started here if needed, left running), rounds alternating.
# Usage: tests/bench/lifecycle/run.sh [rounds]   (KNOT_BUILD_DIR overrides the build directory;
#        KNOT_TEST_ENGINES=podman or docker limits it to one engine)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${KNOT_BUILD_DIR:-$root/build}
rounds=${1:-10}
engines_dir=$build/test-engines

cmake --build "$build" --target bench_lifecycle >/dev/null
bash "$root/packaging/test-engines/start-test-engines.sh" "$engines_dir" >/dev/null
source "$engines_dir/engines.env"
for engine in ${KNOT_TEST_ENGINES:-podman docker}; do
    endpoint_var=KNOT_${engine^^}_ENDPOINT
    # The Debian package's CLI (the one matching the engine), even when another one comes first in PATH.
    cli=$(command -v "/usr/bin/$engine" || command -v "$engine")
    "$build/tests/bench/lifecycle/bench_lifecycle" --engine "$engine" --endpoint "${!endpoint_var}" --cli "$cli" \
        --rounds "$rounds"
done
