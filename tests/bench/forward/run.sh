#!/usr/bin/env bash
# Port forwarding: HTTP from busybox httpd in a container on each private test engine, through
# Knot's PortForwarder (bench_forward: knot-relay over exec), through a published port (-p, the
# engine's own forwarding: the ideal) and through `CLI exec -i CONTAINER nc 127.0.0.1 8080` (one
# process per connection, what one does by hand). One client (measure.py) for all three paths:
# bulk transfers of a large file (rounds interleaved, best/median/worst) and set-up latency of
# short requests (p50/p99), with CPU seconds of the relaying process and of the engine service.
# Usage: tests/bench/forward/run.sh [rounds] [requests] [megabytes]   (default 5 200 100;
#        KNOT_BUILD_DIR overrides the build dir, KNOT_TEST_ENGINES=podman or docker limits engines)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common.sh"
rounds=${1:-5}
requests=${2:-200}
megabytes=${3:-100}

bench_build bench_forward
bench_start_engines
container=
cleanup() { [[ -n $container ]] && "${cli[@]}" rm -f "$container" >/dev/null 2>&1; }
trap cleanup EXIT
server="mkdir -p /www && dd if=/dev/zero of=/www/big bs=1M count=$megabytes 2>/dev/null && echo small > /www/small \
&& exec httpd -f -p 8080 -h /www"
for engine in ${KNOT_TEST_ENGINES:-podman docker}; do
    bench_cli "$engine"
    endpoint_var=KNOT_${engine^^}_ENDPOINT
    container=$("${cli[@]}" run -d --name "knot-bench-forward-$$-$engine" -p 127.0.0.1::8080 "$image" sh -c "$server")
    published=$("${cli[@]}" port "$container" 8080 | head -n1 | sed 's/.*://')
    for _ in $(seq 1 100); do
        curl -fs "http://127.0.0.1:$published/small" >/dev/null && break
        sleep 0.2
    done
    python3 "$here/measure.py" --engine "$engine" --engine-pid "$(cat "$engines_dir/$engine/$engine.pid")" \
        --forward "$build/tests/bench/forward/bench_forward ${!endpoint_var} $container 8080" \
        --published "$published" --peer "$(printf '%q ' "${cli[@]}" exec -i "$container" nc 127.0.0.1 8080)" \
        --peer-label "$(basename "${cli[0]}") exec -i … nc" --rounds "$rounds" --requests "$requests" \
        --size $((megabytes * 1024 * 1024))
    echo
    "${cli[@]}" rm -f "$container" >/dev/null
    container=
done
