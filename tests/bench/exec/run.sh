#!/usr/bin/env bash
# Terminal latency: keystroke-to-echo through Knot's exec session (bench_exec) and through each
# engine's own CLI (`podman --url … exec -it` / `docker -H … exec -it`, driven through a pty by
# peer_latency.py), on both test engines, in one run; then a `yes` flood through Knot's session.
# Usage: tests/bench/exec/run.sh [keystrokes] [flood-seconds]   (KNOT_BUILD_DIR overrides the build dir)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${KNOT_BUILD_DIR:-$root/build}
keystrokes=${1:-200}
flood=${2:-3}
image=localhost/knot-test-busybox:latest

cmake --build "$build" --target bench_exec >/dev/null
# Idempotent: reuses engines a test run left running.
engines=$(bash "$root/packaging/test-engines/start-test-engines.sh" "$build/test-engines" | grep -E '^(podman|docker): ')
endpoint() { sed -n "s/^$1: //p" <<<"$engines"; }

printf '| Engine | Client | median ms | p95 ms |\n|---|---|---|---|\n'
floods=()
for engine in podman docker; do
    url=$(endpoint "$engine")
    if [[ $engine == podman ]]; then cli=(podman --url "$url"); else cli=(docker -H "$url"); fi
    knot=$(QT_QPA_PLATFORM=offscreen "$build/tests/bench/exec/bench_exec" "$url" "$image" "$keystrokes" "$flood" 2>/dev/null)
    id=$("${cli[@]}" run -d "$image" sleep 600)
    peer=$(python3 "$here/peer_latency.py" "$keystrokes" "${cli[@]}" exec -it "$id" sh)
    "${cli[@]}" rm -f "$id" >/dev/null
    field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -n1; }
    latency=$(grep '^latency' <<<"$knot")
    printf '| %s | Knot (ExecTerminalSession → TerminalView) | %s | %s |\n' "$engine" \
        "$(field median <<<"$latency")" "$(field p95 <<<"$latency")"
    printf '| %s | `%s exec -it` in a pty | %s | %s |\n' "$engine" "${cli[0]}" \
        "$(field median <<<"$peer")" "$(field p95 <<<"$peer")"
    floods+=("$engine: $(grep '^flood' <<<"$knot")")
done
echo
printf '%s\n' "${floods[@]}"
