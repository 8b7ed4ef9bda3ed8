#!/usr/bin/env bash
# Starts private Podman and Docker engines for the integration tests (the CTest fixture
# engines.start runs it) and imports the test image localhost/knot-test-busybox:latest into both.
# Idempotent: engines of an earlier run that still answer are reused. Writes DIR/engines.env.
# Usage: start-test-engines.sh DIR      (stop with stop-test-engines.sh DIR)
# KNOT_TEST_ENGINES=podman (or docker) starts only that one; start-podman.sh, start-docker.sh and
# make-busybox-image.sh also work on their own. Endpoints: DIR/engines.env.
# Not yet here: a second image for VNC/terminal tests (Debian root from `debootstrap --variant=minbase
# --include=bash,zsh,screen,x11vnc,xvfb bookworm`, minutes to build: build once, reuse while present).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
knot_engines_init "$@"
image_repo=localhost/knot-test-busybox
engines=${KNOT_TEST_ENGINES:-podman docker}

cat >"$DIR/engines.env" <<ENV
KNOT_PODMAN_ENDPOINT=unix://$PODMAN_SOCK
KNOT_DOCKER_ENDPOINT=unix://$DOCKER_SOCK
ENV

tarball=$DIR/knot-test-busybox.tar
[[ -s $tarball ]] || bash "$here/make-busybox-image.sh" "$tarball"

# Imports the tarball through the engine API (same call for both engines; no CLI version issues).
import_image() { # sock
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$1" "http://d/images/$image_repo:latest/json")
  [[ $status == 200 ]] && return 0
  curl -fsS --unix-socket "$1" -X POST -H 'Content-Type: application/x-tar' --data-binary "@$tarball" \
    "http://d/images/create?fromSrc=-&repo=$image_repo&tag=latest&changes=CMD%20%5B%22%2Fbin%2Fsh%22%5D&changes=ENV%20PATH%3D%2Fusr%2Fsbin%3A%2Fusr%2Fbin%3A%2Fsbin%3A%2Fbin" \
    >"$DIR/import.log"
  status=$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$1" "http://d/images/$image_repo:latest/json")
  [[ $status == 200 ]] || { echo "importing the test image into $1 failed:" >&2; cat "$DIR/import.log" >&2; return 1; }
}

for engine in $engines; do
  bash "$here/start-$engine.sh" "$DIR" >/dev/null
  sock_var=${engine^^}_SOCK
  import_image "${!sock_var}"
  echo "$engine: unix://${!sock_var}"
done
