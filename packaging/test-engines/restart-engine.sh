#!/usr/bin/env bash
# Kills a test engine the way a crash would (SIGKILL to the pid start-ENGINE.sh recorded, never by
# name) and/or starts it again on the same socket and data folder, for tests of an engine dying
# mid-operation. Containers survive a killed Podman service (conmon keeps them); dockerd cleans
# up its own on the next start.
# Usage: restart-engine.sh DIR podman|docker [kill|start|restart]     (default: restart)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
[[ $# -ge 2 ]] || { echo "usage: $(basename "$0") DIR podman|docker [kill|start|restart]" >&2; exit 2; }
engine=$2
action=${3:-restart}
knot_engines_init "$1"

case $engine in
podman) sock=$PODMAN_SOCK pidfile=$DIR/podman/podman.pid ;;
docker) sock=$DOCKER_SOCK pidfile=$DIR/docker/docker.pid ;;
*) echo "unknown engine: $engine" >&2; exit 2 ;;
esac

kill_engine() {
  [[ -f $pidfile ]] || { echo "no recorded pid in $pidfile" >&2; return 1; }
  local pid deadline=$((SECONDS + 30))
  pid=$(cat "$pidfile")
  knot_pid_is "$pid" "$sock" || { echo "pid $pid is not the $engine engine on $sock" >&2; return 1; }
  kill -KILL "$pid"
  # Until reaped, not just dead: dockerd refuses to start while the pid in its pidfile exists.
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "pid $pid did not go away" >&2; return 1; }
    sleep 0.1
  done
  # The socket file stays behind; nothing answers on it any more.
  rm -f "$pidfile"
  [[ $engine == docker ]] && rm -f "$RUN/docker.pid"
  return 0
}

start_engine() {
  bash "$here/start-$engine.sh" "$DIR" >/dev/null
}

case $action in
kill) kill_engine ;;
start) start_engine ;;
restart) kill_engine && start_engine ;;
*) echo "unknown action: $action" >&2; exit 2 ;;
esac
