#!/usr/bin/env bash
# Starts a private Podman API service for the tests: storage under DIR/podman, socket and runtime
# state under the short folder (see common.sh), its own containers.conf (runc: crun fails on our
# machines; file locks and a private tmp_dir so it never shares state with another Podman) and its
# own default network (bridge and subnet derived from DIR, so several engine sets coexist).
# Reuses a service that still answers. Prints the endpoint.
# Usage: start-podman.sh DIR      (stop with stop-test-engines.sh DIR)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
knot_engines_init "$@"

state=$DIR/podman
mkdir -p "$state/networks" "$RUN/podman-run" "$RUN/podman-tmp"
if knot_ping "$PODMAN_SOCK"; then
  echo "unix://$PODMAN_SOCK"
  exit 0
fi

# Podman's default ulimits exceed the hard limits of our machines, and Podman 4.3's service swaps
# soft and hard of a "soft:hard" pair: give both the hard limits this shell has.
ulimits="\"nofile=$(ulimit -Hn):$(ulimit -Hn)\""
ulimits+=', "nproc=1000:1000"' # higher values fail with EPERM in runc here
cat >"$state/containers.conf" <<CONF
[containers]
default_ulimits = [$ulimits]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
lock_type = "file"
tmp_dir = "$RUN/podman-tmp"

[network]
network_backend = "netavark"
network_config_dir = "$state/networks"
default_network = "knot-$HASH"
CONF
network_id=$(printf 'knot-podman-%s' "$DIR" | sha256sum | cut -c1-64)
cat >"$state/networks/knot-$HASH.json" <<JSON
{
  "name": "knot-$HASH",
  "id": "$network_id",
  "driver": "bridge",
  "network_interface": "$PODMAN_BRIDGE",
  "created": "2026-01-01T00:00:00Z",
  "subnets": [{"subnet": "$PODMAN_SUBNET.0/24", "gateway": "$PODMAN_SUBNET.1"}],
  "ipv6_enabled": false,
  "internal": false,
  "dns_enabled": false,
  "ipam_options": {"driver": "host-local"}
}
JSON

# Storage driver: overlay unless DIR itself lies on overlayfs (nested in a container), where only
# vfs works without extra set-up. KNOT_TEST_STORAGE_DRIVER overrides.
driver=${KNOT_TEST_STORAGE_DRIVER:-overlay}
[[ -z ${KNOT_TEST_STORAGE_DRIVER:-} && $(stat -f -c %T "$DIR") == overlayfs ]] && driver=vfs
echo "$driver" >"$state/storage-driver"

rm -f "$PODMAN_SOCK"
CONTAINERS_CONF=$state/containers.conf setsid podman --root "$state/root" --runroot "$RUN/podman-run" \
  --storage-driver "$driver" system service --time=0 "unix://$PODMAN_SOCK" \
  </dev/null >"$state/podman.log" 2>&1 &
pid=$!
echo "$pid" >"$state/podman.pid"
knot_wait_ping "$PODMAN_SOCK" "$pid" "$state/podman.log" 60
echo "unix://$PODMAN_SOCK"
