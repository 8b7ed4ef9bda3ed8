#!/usr/bin/env bash
# Knot's terminal on Ubuntu 24.04's libvterm (0.3.3) next to Debian 12's (0.1.4), on this Debian 12 machine.
# Debian trixie's libvterm0 and libvterm-dev packages are downloaded from the Debian mirror and unpacked (not
# installed); TerminalSurface is compiled against that header, bench_terminal relinked with it and run on that
# library (same soname). Rounds interleave knot-view and knot-view-socket on both versions with QTermWidget,
# as run.sh does, and print every round.
# Usage: tests/bench/terminal/libvterm03.sh [rounds]   (KNOT_DEBIAN_MIRROR overrides http://deb.debian.org/debian)
set -euo pipefail
rounds=${1:-5}
mirror=${KNOT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
source "$(dirname "$0")/harness.sh"

# The packages, wherever trixie's index puts them now.
curl -fsS "$mirror/dists/trixie/main/binary-amd64/Packages.xz" | xz -d >"$work/Packages"
for package in libvterm0 libvterm-dev; do
    file=$(awk -v p="$package" '$1 == "Package:" { hit = ($2 == p) } hit && $1 == "Filename:" { print $2; exit }' \
        "$work/Packages")
    curl -fsS -o "$work/$package.deb" "$mirror/$file"
    dpkg-deb -x "$work/$package.deb" "$work/root"
done
libdir=$work/root/usr/lib/x86_64-linux-gnu
grep -q 'VTERM_VERSION_MINOR 3' "$work/root/usr/include/vterm.h"

# The objects that include vterm.h, compiled against the new header and swapped into a copy of knot_ui; the
# benchmark relinked.
python3 - "$build" "$work" <<'EOF'
import json, shlex, sys
build, work = sys.argv[1], sys.argv[2]
script = []
for entry in json.load(open(f"{build}/compile_commands.json")):
    name = entry["file"].rsplit("/", 1)[-1]
    if name in ("terminalsurface.cpp", "terminaltextscanner.cpp"):
        words = shlex.split(entry["command"])
        words = [w for w in words if w != "ccache"]
        out = []
        skip = False
        for word in words:
            if skip:
                skip = False
            elif word in ("-o", "-MT", "-MF"):
                skip = True
            elif word != "-MD":
                out.append(word)
        out[1:1] = [f"-I{work}/root/usr/include"]
        script.append(" ".join(map(shlex.quote, out + ["-o", f"{work}/{name}.o"])))
open(f"{work}/compile.sh", "w").write("\n".join(script) + "\n")
EOF
(cd "$build" && bash -e "$work/compile.sh")
cp "$build/ui/libknot_ui.a" "$work/libknot_ui.a"
(cd "$work" && ar r libknot_ui.a terminalsurface.cpp.o terminaltextscanner.cpp.o)
ninja -C "$build" -t commands tests/bench/terminal/bench_terminal | tail -1 |
    sed -e "s# ui/libknot_ui.a # $work/libknot_ui.a #" -e "s#-o tests/bench/terminal/bench_terminal #-o $work/bench_terminal #" \
        >"$work/link.sh"
(cd "$build" && bash "$work/link.sh")

seconds() { sed -n 's/.* seconds=\([0-9.]*\).*/\1/p'; }
for ((round = 1; round <= rounds; round++)); do
    pty014=$("${xvfb[@]}" "$knot" "$stream" 2>/dev/null | seconds)
    pty033=$(LD_LIBRARY_PATH=$libdir "${xvfb[@]}" "$work/bench_terminal" "$stream" 2>/dev/null | seconds)
    peer=$("${xvfb[@]}" "$qtw" "$stream" 2>/dev/null | seconds)
    socket014=$("${xvfb[@]}" "$knot" --socket "$stream" 2>/dev/null | seconds)
    socket033=$(LD_LIBRARY_PATH=$libdir "${xvfb[@]}" "$work/bench_terminal" --socket "$stream" 2>/dev/null |
        seconds)
    echo "round $round: knot-view 0.1.4 $pty014 s, 0.3.3 $pty033 s | qtermwidget $peer s |" \
        "knot-view-socket 0.1.4 $socket014 s, 0.3.3 $socket033 s"
done
