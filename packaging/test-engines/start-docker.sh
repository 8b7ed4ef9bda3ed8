#!/usr/bin/env bash
# Starts a private Docker daemon for the tests: data under DIR/docker, socket and exec root under
# the short folder (see common.sh), an empty config file instead of /etc/docker/daemon.json, its
# own bridge with a subnet derived from DIR, and no iptables or sysctl changes (published ports go
# through docker-proxy), so it coexists with Podman's netavark and other engine sets.
# Reuses a daemon that still answers. Prints the endpoint.
# Usage: start-docker.sh DIR      (stop with stop-test-engines.sh DIR)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
knot_engines_init "$@"

state=$DIR/docker
mkdir -p "$state" "$RUN/docker-exec"
if knot_ping "$DOCKER_SOCK"; then
  echo "unix://$DOCKER_SOCK"
  exit 0
fi

echo '{}' >"$state/daemon.json"
if ! ip link show "$DOCKER_BRIDGE" >/dev/null 2>&1; then
  ip link add name "$DOCKER_BRIDGE" type bridge
  ip addr add "$DOCKER_SUBNET.1/24" dev "$DOCKER_BRIDGE"
fi
ip link set "$DOCKER_BRIDGE" up

args=()
[[ -n ${KNOT_TEST_STORAGE_DRIVER:-} ]] && args+=(--storage-driver "$KNOT_TEST_STORAGE_DRIVER")
rm -f "$DOCKER_SOCK"
setsid dockerd --host "unix://$DOCKER_SOCK" --data-root "$state/data" --exec-root "$RUN/docker-exec" \
  --pidfile "$RUN/docker.pid" --config-file "$state/daemon.json" --bridge "$DOCKER_BRIDGE" \
  --iptables=false --ip-forward=false --ip-masq=false --shutdown-timeout 5 "${args[@]}" \
  </dev/null >"$state/docker.log" 2>&1 &
pid=$!
echo "$pid" >"$state/docker.pid"
knot_wait_ping "$DOCKER_SOCK" "$pid" "$state/docker.log" 90
echo "unix://$DOCKER_SOCK"
