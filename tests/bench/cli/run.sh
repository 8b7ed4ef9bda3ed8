#!/usr/bin/env bash
# Command-line tool: `knot-cli space list` (table and --json) on a database of N spaces, against the
# peers that answer the same question: `sqlite3 DB 'select … from spaces'` on the same file and
# `podman --url … ps -a` on the private Podman test engine (started here if needed, left running).
# Median of R runs of each, wall clock per process.
# Usage: tests/bench/cli/run.sh [spaces] [runs]   (KNOT_BUILD_DIR overrides the build dir)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common.sh"
spaces=${1:-500}
runs=${2:-10}

bench_build knot-cli
cli=$build/bin/knot-cli
bench_start_engines
podman_url=$KNOT_PODMAN_ENDPOINT
export KNOT_DESKTOP_ENGINE=$podman_url

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/knot.db
cat >"$work/template.yaml" <<YAML
name: bench
platform: docker
job: |
  image: $image
  command: ["sleep", "3600"]
YAML
"$cli" --db "$db" template import "$work/template.yaml" >/dev/null
for i in $(seq 1 "$spaces"); do
    "$cli" --db "$db" space create "space$i" --template bench --description "bench space $i" >/dev/null
done

# Median wall-clock milliseconds of `runs` runs of a command (output discarded).
median() {
    local times=()
    for _ in $(seq 1 "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

rows=$(sqlite3 "$db" 'select count(*) from spaces')
printf '| Command (%s spaces, median of %s) | ms |\n|---|---|\n' "$rows" "$runs"
printf '| `knot-cli space list` | %s |\n' "$(median "$cli" --db "$db" space list)"
printf '| `knot-cli --json space list` | %s |\n' "$(median "$cli" --db "$db" --json space list)"
printf '| `sqlite3 DB "select name, state, template_id, container_id, description from spaces"` | %s |\n' \
    "$(median sqlite3 "$db" 'select name, state, template_id, container_id, description from spaces')"
printf '| `podman --url … ps -a` (test engine) | %s |\n' "$(median podman --url "$podman_url" ps -a)"
