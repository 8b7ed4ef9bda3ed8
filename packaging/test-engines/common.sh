# Shared by the test-engine scripts (sourced, not run). Defines where one engine set lives.
#
# Layout for a state folder DIR (any length, e.g. the build tree):
#   DIR/engines.env         endpoints (KNOT_PODMAN_ENDPOINT, KNOT_DOCKER_ENDPOINT), sourceable by shells
#   DIR/podman/, DIR/docker/ storage, configs, logs, recorded pids
#   /tmp/knot-engines-<hash of DIR>/  sockets and runtime state: Unix socket paths are limited to
#                            107 bytes and CI clones into folders of unknown depth.
# tests/CMakeLists.txt computes the same short folder (first 10 hex digits of the SHA-1 of DIR).

knot_engines_init() {
  [[ $# -ge 1 && -n "$1" ]] || { echo "usage: $(basename "$0") DIR" >&2; exit 2; }
  mkdir -p "$1"
  DIR=$(cd "$1" && pwd)
  HASH=$(printf '%s' "$DIR" | sha1sum | cut -c1-10)
  RUN=/tmp/knot-engines-$HASH
  PODMAN_SOCK=$RUN/podman.sock
  DOCKER_SOCK=$RUN/docker.sock
  mkdir -p "$RUN"
  # Two bytes of the hash pick private subnets, so engine sets of several build trees coexist.
  local a=$((16#${HASH:0:2})) b=$((16#${HASH:2:2}))
  PODMAN_SUBNET=10.$((100 + a % 100)).$b
  DOCKER_SUBNET=10.$((200 + a % 50)).$b
  PODMAN_BRIDGE=knp${HASH:0:8}
  DOCKER_BRIDGE=knd${HASH:0:8}
}

# True when an engine answers GET /_ping on the socket.
knot_ping() {
  [[ -S "$1" ]] && curl -fsS --max-time 3 --unix-socket "$1" http://d/_ping 2>/dev/null | grep -q OK
}

# Waits until the socket answers _ping or the process dies; prints the log tail on failure.
knot_wait_ping() { # sock pid log seconds
  local sock=$1 pid=$2 log=$3 deadline=$((SECONDS + $4))
  until knot_ping "$sock"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS > deadline)); then
      echo "engine on $sock did not come up; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
}

# True when PID runs and its command line mentions MARK (guards against recycled pids).
knot_pid_is() { # pid mark
  [[ -n "$1" && -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$2"
}

# Stops PID (if it is still ours): SIGTERM, then SIGKILL after a grace period; waits until gone.
knot_stop_pid() { # pid mark grace-seconds
  local pid=$1 mark=$2 deadline=$((SECONDS + $3))
  knot_pid_is "$pid" "$mark" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while knot_pid_is "$pid" "$mark"; do
    if ((SECONDS > deadline)); then kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.2
  done
}

# Stops several PIDs (those still ours) together: one grace period for all, not one each.
knot_stop_pids() { # mark grace-seconds pid...
  local mark=$1 deadline=$((SECONDS + $2)) pid alive
  shift 2
  for pid in "$@"; do knot_pid_is "$pid" "$mark" && kill -TERM "$pid" 2>/dev/null || true; done
  while :; do
    alive=()
    for pid in "$@"; do knot_pid_is "$pid" "$mark" && alive+=("$pid"); done
    ((${#alive[@]} == 0)) && return 0
    if ((SECONDS > deadline)); then kill -KILL "${alive[@]}" 2>/dev/null || true; fi
    sleep 0.2
  done
}

# Unmounts everything still mounted below a folder, deepest first.
knot_unmount_below() {
  local target
  { findmnt -rn -o TARGET | grep -F -- "$1/" || true; } | sort -r | while read -r target; do
    umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || true
  done
}

# Stops a test server when the test that started it dies without stopping it (a crash): a small
# watcher ends `pid` (SIGTERM) once `owner` is gone. Usage: knot_stop_with_owner owner pid
knot_stop_with_owner() {
  setsid bash -c 'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -TERM "$1" 2>/dev/null' \
    "$1" "$2" </dev/null >/dev/null 2>&1 &
}
