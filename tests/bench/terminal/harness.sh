# Sourced by the terminal benchmark scripts: builds what they compare and generates the stream.
#   work     a temporary folder, removed on exit
#   xvfb     the command prefix that gives each program an X server of its own
#   knot     bench_terminal;  qtw  the QTermWidget (Qt 5) harness;  stream  the 50 MiB stream
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
xvfb=(xvfb-run -a -s "-screen 0 1280x1024x24")

bench_build bench_terminal
cmake -S "$root/tests/bench/terminal/qtermwidget" -B "$work/qtermwidget" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/qtermwidget" >/dev/null
knot="$build/tests/bench/terminal/bench_terminal"
qtw="$work/qtermwidget/bench_qtermwidget"
stream="$work/stream.bin"
"$knot" --generate "$stream" 50
