# Sourced by the benchmark scripts (tests/bench/*/run.sh) for what they all need:
#   root, build     the repository and its build directory (KNOT_BUILD_DIR overrides)
#   engines_dir     state folder of the private test engines ($build/test-engines)
#   image           the busybox test image both engines hold
#   bench_build TARGET...            builds the targets (output hidden)
#   bench_start_engines [ENGINE...]  starts the test engines (default: KNOT_TEST_ENGINES, else both)
#                   unless they already answer, leaves them running and sources engines.env
#                   (KNOT_PODMAN_ENDPOINT, KNOT_DOCKER_ENDPOINT)
#   bench_cli ENGINE                 sets the array `cli` to the engine's Debian CLI on its endpoint
# Stop the engines with packaging/test-engines/stop-test-engines.sh "$engines_dir".
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${KNOT_BUILD_DIR:-$root/build}
engines_dir=$build/test-engines
image=localhost/knot-test-busybox:latest

bench_build() {
    cmake --build "$build" --target "$@" >/dev/null
}

bench_start_engines() {
    local engines=${*:-${KNOT_TEST_ENGINES:-podman docker}}
    KNOT_TEST_ENGINES=$engines bash "$root/packaging/test-engines/start-test-engines.sh" "$engines_dir" >/dev/null
    source "$engines_dir/engines.env"
}

bench_cli() {
    local endpoint_var=KNOT_${1^^}_ENDPOINT
    # The Debian package's CLI (the one matching the engine), even when another one comes first in PATH.
    local program
    program=$(command -v "/usr/bin/$1" || command -v "$1")
    if [[ $1 == podman ]]; then cli=("$program" --url "${!endpoint_var}"); else cli=("$program" -H "${!endpoint_var}"); fi
}
