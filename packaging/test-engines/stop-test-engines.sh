#!/usr/bin/env bash
# Stops the engines start-test-engines.sh started, by the pids it recorded (never by name):
# removes the test instance's containers, stops the services (SIGTERM, SIGKILL after a grace
# period), waits until they are gone, unmounts what they left below DIR and the short folder,
# and removes the Docker bridge. Storage (images) stays in DIR for the next run.
# Usage: stop-test-engines.sh DIR      KNOT_TEST_ENGINES=podman (or docker) stops only that one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
knot_engines_init "$@"

engines=" ${KNOT_TEST_ENGINES:-podman docker} "

podman_state=$DIR/podman
if [[ $engines == *" podman "* && -f $podman_state/podman.pid ]]; then
  pid=$(cat "$podman_state/podman.pid")
  if knot_pid_is "$pid" "$PODMAN_SOCK"; then
    # The service leaves containers (conmon) running when it stops: remove them first.
    CONTAINERS_CONF=$podman_state/containers.conf timeout 60 podman --root "$podman_state/root" \
      --runroot "$RUN/podman-run" --storage-driver "$(cat "$podman_state/storage-driver")" \
      rm --all --force --time 0 >/dev/null 2>&1 || true
    CONTAINERS_CONF=$podman_state/containers.conf timeout 60 podman --root "$podman_state/root" \
      --runroot "$RUN/podman-run" --storage-driver "$(cat "$podman_state/storage-driver")" \
      pod rm --all --force >/dev/null 2>&1 || true
  fi
  knot_stop_pid "$pid" "$PODMAN_SOCK" 10
  rm -f "$podman_state/podman.pid"
fi
# conmon of an exec session outlives its removed container for minutes (--exit-delay): end those
# that belong to this storage, found by the storage path on their command line.
if [[ $engines == *" podman "* ]]; then
  conmons=()
  for pid in $(pgrep -f -- "$podman_state/root/" || true); do
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */conmon ]] && conmons+=("$pid")
  done
  ((${#conmons[@]} == 0)) || knot_stop_pids "$podman_state/root/" 5 "${conmons[@]}"
  echo "podman: stopped after ${SECONDS}s (${#conmons[@]} leftover conmon processes ended)"

fi

docker_state=$DIR/docker
if [[ $engines == *" docker "* && -f $docker_state/docker.pid ]]; then
  # dockerd stops its containers and its containerd itself on SIGTERM (--shutdown-timeout).
  knot_stop_pid "$(cat "$docker_state/docker.pid")" "$DOCKER_SOCK" 30
  rm -f "$docker_state/docker.pid"
  echo "docker: stopped after ${SECONDS}s"
fi
if [[ $engines == *" docker "* ]] && ip link show "$DOCKER_BRIDGE" >/dev/null 2>&1; then
  ip link delete "$DOCKER_BRIDGE" || true
fi

if [[ $engines == *" podman "* ]]; then
  knot_unmount_below "$podman_state"
  knot_unmount_below "$RUN/podman-run"
  rm -f "$PODMAN_SOCK"
fi
if [[ $engines == *" docker "* ]]; then
  knot_unmount_below "$docker_state"
  knot_unmount_below "$RUN/docker-exec"
  rm -f "$DOCKER_SOCK"
fi
