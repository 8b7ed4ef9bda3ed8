#!/usr/bin/env bash
# Terminal throughput: Knot's TerminalView, QTermWidget (Qt 5) and xterm, each under its own Xvfb, on the same
# deterministic 50 MiB stream. Time runs until the end marker has been processed and a paint after it has
# finished (xterm: until `cat` returned and xterm exited).
#
# Transports: QTermWidget reads a pseudo-terminal (its only input); Knot is measured on the same pty and on a
# Unix stream socket (what its exec sessions read). pty-only / socket-only are the transports alone, so each
# program's own work is its figure minus its transport's.
# Usage: tests/bench/terminal/run.sh [rounds]   (KNOT_BUILD_DIR overrides the build directory;
# KNOT_BENCH_XTERM=0 skips xterm, which takes minutes)
set -euo pipefail
rounds=${1:-5}
source "$(dirname "$0")/harness.sh"
bytes=$(stat -c %s "$stream")

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
declare -A wall cpu
measure() { # name command...
    local name=$1 line
    shift
    line=$("$@" 2>/dev/null)
    wall[$name]+="$(field seconds <<<"$line") "
    cpu[$name]+="$(field cpu <<<"$line") "
}
programs=(libvterm-state knot-surface pty-only socket-only knot-view knot-view-socket qtermwidget xterm)

# Rounds interleave the programs so a busy machine penalises them alike; the best round counts.
for ((round = 1; round <= rounds; round++)); do
    measure libvterm-state "$knot" --vterm-only "$stream"
    measure knot-surface "$knot" --surface-only "$stream"
    measure pty-only "$knot" --pty-only "$stream"
    measure socket-only "$knot" --socket-only "$stream"
    measure knot-view "${xvfb[@]}" "$knot" "$stream"
    measure qtermwidget "${xvfb[@]}" "$qtw" "$stream"
    measure knot-view-socket "${xvfb[@]}" "$knot" --socket "$stream"
    # xterm renders every line through Xft in the X server and takes minutes: one round is enough.
    ((round == 1)) && [[ ${KNOT_BENCH_XTERM:-1} == 1 ]] || continue
    start=$(date +%s.%N)
    "${xvfb[@]}" xterm -geometry 100x35 -fa 'DejaVu Sans Mono' -fs 10 -sl 10000 -e cat "$stream" 2>/dev/null
    wall[xterm]+="$(echo "$(date +%s.%N) - $start" | bc -l) "
done

best() { tr ' ' '\n' <<<"$1" | { grep -v '^$' || true; } | sort -g | head -1; }
mbps() { printf "%.1f" "$(echo "$bytes / 1048576 / $1" | bc -l)"; }
ratio() { printf "%.2f" "$(echo "$1 / $2" | bc -l)"; }
printf '%-17s %8s %8s %8s %10s\n' program "best s" "MB/s" "CPU s" "MB/CPU-s"
for program in "${programs[@]}"; do
    [[ -n ${wall[$program]:-} ]] || continue
    w=$(best "${wall[$program]}")
    c=$(best "${cpu[$program]:-}")
    printf '%-17s %8.3f %8s %8s %10s\n' "$program" "$w" "$(mbps "$w")" "${c:--}" "$([[ -n $c ]] && mbps "$c" || echo -)"
done
for measure in wall cpu; do
    declare -n of=$measure
    qtw_best=$(best "${of[qtermwidget]}")
    pty=$(best "${of[pty-only]}")
    echo "$measure: knot-view vs qtermwidget, both on a pty: $(ratio "$qtw_best" "$(best "${of[knot-view]}")")x;" \
        "knot-view-socket vs qtermwidget: $(ratio "$qtw_best" "$(best "${of[knot-view-socket]}")")x;" \
        "own work (minus pty-only): $(ratio "$(echo "$qtw_best - $pty" | bc -l)" "$(echo "$(best "${of[knot-view]}") - $pty" | bc -l)")x"
done
echo "stream: $bytes bytes, $rounds rounds; load average: $(cut -d' ' -f1-3 /proc/loadavg); seconds of every round (wall | CPU):"
for program in "${programs[@]}"; do echo "  $program: ${wall[$program]:-}| ${cpu[$program]:-}"; done
