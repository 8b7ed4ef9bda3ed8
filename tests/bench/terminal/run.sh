#!/usr/bin/env bash
# Terminal throughput: Knot's TerminalView, QTermWidget (Qt 5) and xterm, each under its own Xvfb, on the same
# deterministic 50 MiB stream delivered through a pseudo-terminal. Time runs until the end marker has been
# processed and a paint after it has finished (xterm: until `cat` returned and xterm exited).
# Usage: tests/bench/terminal/run.sh [rounds]   (KNOT_BUILD_DIR overrides the build directory;
# KNOT_BENCH_XTERM=0 skips xterm, which takes minutes)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${KNOT_BUILD_DIR:-$root/build}
rounds=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
xvfb=(xvfb-run -a -s "-screen 0 1280x1024x24")

cmake --build "$build" --target bench_terminal >/dev/null
cmake -S "$here/qtermwidget" -B "$work/qtermwidget" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/qtermwidget" >/dev/null
knot="$build/tests/bench/terminal/bench_terminal"
qtw="$work/qtermwidget/bench_qtermwidget"
stream="$work/stream.bin"
"$knot" --generate "$stream" 50
bytes=$(stat -c %s "$stream")

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
declare -A wall cpu
add() { wall[$1]+="$2 "; cpu[$1]+="${3:-} "; }

# Rounds interleave the programs so a busy machine penalises them alike; the best round counts.
for ((round = 1; round <= rounds; round++)); do
    line=$("$knot" --vterm-only "$stream")
    add libvterm-state "$(field seconds <<<"$line")" "$(field cpu <<<"$line")"
    line=$("$knot" --surface-only "$stream")
    add knot-surface "$(field seconds <<<"$line")" "$(field cpu <<<"$line")"
    line=$("${xvfb[@]}" "$knot" "$stream" 2>/dev/null)
    add knot-view "$(field seconds <<<"$line")" "$(field cpu <<<"$line")"
    line=$("${xvfb[@]}" "$qtw" "$stream" 2>/dev/null)
    add qtermwidget "$(field seconds <<<"$line")" "$(field cpu <<<"$line")"
    # xterm renders every line through Xft in the X server and takes minutes: one round is enough.
    ((round == 1)) && [[ ${KNOT_BENCH_XTERM:-1} == 1 ]] || continue
    start=$(date +%s.%N)
    "${xvfb[@]}" xterm -geometry 100x35 -fa 'DejaVu Sans Mono' -fs 10 -sl 10000 -e cat "$stream" 2>/dev/null
    add xterm "$(echo "$(date +%s.%N) - $start" | bc -l)"
done

best() { tr ' ' '\n' <<<"$1" | { grep -v '^$' || true; } | sort -g | head -1; }
mbps() { printf "%.1f" "$(echo "$bytes / 1048576 / $1" | bc -l)"; }
printf '%-14s %10s %10s %12s %12s\n' program "best s" "MB/s" "CPU s" "MB/CPU-s"
qtw_best=$(best "${wall[qtermwidget]}")
for program in libvterm-state knot-surface knot-view qtermwidget xterm; do
    [[ -n ${wall[$program]:-} ]] || continue
    w=$(best "${wall[$program]}")
    c=$(best "${cpu[$program]}")
    mc=-
    [[ -n $c ]] && mc=$(mbps "$c")
    printf '%-14s %10.3f %10s %12s %12s\n' "$program" "$w" "$(mbps "$w")" "${c:--}" "$mc"
done
echo "knot-view vs qtermwidget (wall, painting included): $(echo "scale=2; $qtw_best / $(best "${wall[knot-view]}")" | bc -l)x"
echo "knot-view vs qtermwidget (CPU): $(echo "scale=2; $(best "${cpu[qtermwidget]}") / $(best "${cpu[knot-view]}")" | bc -l)x"
echo "stream: $bytes bytes, $rounds rounds; wall seconds of every round:"
for program in libvterm-state knot-surface knot-view qtermwidget xterm; do echo "  $program: ${wall[$program]:-}"; done
