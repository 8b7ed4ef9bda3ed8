#!/usr/bin/env bash
# Desktop application benchmarks under one private Xvfb server (xcb platform):
#  1. process start to the first painted main window: knot-desktop (temporary XDG folders, the Podman
#     test engine registered) against bench_peer_window (a minimal QMainWindow) and Qt Linguist
#     (linguist-qt6), `runs` rounds alternating the programs after one unmeasured warm-up each;
#  2. VmRSS / VmHWM once a list shows `spaces` rows: knot-desktop on a database seeded with that many
#     spaces (bench_desktop seed, through SpaceService), the peer with a list of as many rows, and
#     Linguist with a .ts file of as many messages;
#  3. event-loop stalls (5 ms heartbeat) while `starts` spaces start at once through the desktop
#     controller on the Podman test engine (bench_desktop starts), then stop.
# 1 and 2 use the preloaded hook libknot_bench_hook.so (benchhook.cpp), so the programs run unchanged.
# Usage: tests/bench/desktop/run.sh [runs] [spaces] [starts]   (default 10 200 20; KNOT_BUILD_DIR
#        overrides the build directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common.sh"
runs=${1:-10}
spaces=${2:-200}
starts=${3:-20}
linguist=/usr/lib/qt6/bin/linguist
bench=$build/tests/bench/desktop

bench_build knot-desktop bench_desktop bench_peer_window knot_bench_hook

# Test engines: only the private Podman engine is used (started here if needed, left running).
bench_start_engines podman
podman_url=$KNOT_PODMAN_ENDPOINT

work=$(mktemp -d)
xvfb_pid=
cleanup() {
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [[ -s $work/display ]] && break; sleep 0.1; done
mkdir -m 700 "$work/runtime"
# Every program gets the same environment: fresh settings, no desktop session.
export DISPLAY=:$(cat "$work/display") QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR=$work/runtime \
    XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
unset KNOT_DESKTOP_ENGINE KNOT_DESKTOP_DB

# Data folders: one with only the engine registered, one with `spaces` spaces.
"$bench/bench_desktop" seed --db "$work/empty/knot-desktop/knot.db" --endpoint "$podman_url" --spaces 0 >/dev/null
"$bench/bench_desktop" seed --db "$work/full/knot-desktop/knot.db" --endpoint "$podman_url" --spaces "$spaces" >/dev/null
{
    printf '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">\n<context>\n<name>Bench</name>\n'
    for i in $(seq 1 "$spaces"); do
        printf '<message><source>space%s — bench space %s</source><translation type="unfinished"></translation></message>\n' "$i" "$i"
    done
    printf '</context>\n</TS>\n'
} >"$work/bench.ts"

# Runs a program with the hook; prints the hook's line (without the prefix).
hooked() { # mode data-folder program args...
    local mode=$1 data=$2
    shift 2
    rm -rf "$XDG_CONFIG_HOME"
    XDG_DATA_HOME=$data LD_PRELOAD=$bench/libknot_bench_hook.so KNOT_BENCH_HOOK=$mode \
        timeout 120 "$@" 2>&1 >/dev/null | sed -n 's/^knot-bench: //p'
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
# "median min max" of the numbers on stdin.
stats() { sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.0f %d %d\n", m, a[1], a[NR]}'; }

names=(knot-desktop bench_peer_window)
commands=("$build/bin/knot-desktop" "$bench/bench_peer_window")
if [[ -x $linguist ]]; then
    names+=(linguist)
    commands+=("$linguist")
else
    echo "($linguist not installed: install linguist-qt6 to compare with it)"
fi
declare -A paint
for round in $(seq 0 "$runs"); do
    for i in "${!names[@]}"; do
        ms=$(hooked first-paint "$work/empty" "${commands[$i]}" | field since_start_ms)
        [[ -n $ms ]] || { echo "no first paint from ${names[$i]}" >&2; exit 1; }
        ((round == 0)) || paint[${names[$i]}]+="$ms "
    done
done
declare -A median_of
printf '| Program (%s runs) | first paint median ms | min | max |\n|---|---:|---:|---:|\n' "$runs"
for name in "${names[@]}"; do
    read -r median min max < <(tr ' ' '\n' <<<"${paint[$name]}" | grep . | stats)
    median_of[$name]=$median
    printf '| %s | %s | %s | %s |\n' "$name" "$median" "$min" "$max"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
for name in "${names[@]:1}"; do
    printf 'Ratio knot-desktop / %s (first paint, medians): %s\n' "$name" "$(ratio "${median_of[knot-desktop]}" "${median_of[$name]}")"
done
echo

printf '| Program (%s rows listed, median of 3) | VmRSS MB | VmHWM MB |\n|---|---:|---:|\n' "$spaces"
declare -A rss_of
memory() { # name mode data program args...
    local name=$1 rss=() hwm=() line
    shift
    for _ in 1 2 3; do
        line=$(hooked "$@")
        [[ $line == *rss_kb=* ]] || { echo "no memory figure from $name" >&2; exit 1; }
        rss+=("$(field rss_kb <<<"$line")")
        hwm+=("$(field hwm_kb <<<"$line")")
    done
    rss_of[$name]=$(printf '%s\n' "${rss[@]}" | stats | cut -d' ' -f1)
    printf '| %s | %.1f | %.1f |\n' "$name" "$(awk -v k="${rss_of[$name]}" 'BEGIN {print k / 1024}')" \
        "$(printf '%s\n' "${hwm[@]}" | stats | awk '{print $1 / 1024}')"
}
memory knot-desktop "rows:$spaces" "$work/full" "$build/bin/knot-desktop"
memory bench_peer_window "rows:$spaces" "$work/empty" "$bench/bench_peer_window" "$spaces"
[[ -x $linguist ]] && memory linguist "rows:$spaces" "$work/empty" "$linguist" "$work/bench.ts"
for name in "${names[@]:1}"; do
    printf 'Ratio knot-desktop / %s (VmRSS): %s\n' "$name" "$(ratio "${rss_of[knot-desktop]}" "${rss_of[$name]}")"
done
echo

"$bench/bench_desktop" starts --endpoint "$podman_url" --spaces "$starts" --heartbeat-ms 5 2>&1 | grep -v '^QStandardPaths'
