#!/usr/bin/env bash
# Installs everything Knot Desktop needs to build, run and test on Debian 12 / Ubuntu 24.04.
# Usage: packaging/install-deps.sh [--runtime-only]
set -euo pipefail

runtime=(
  podman runc uidmap slirp4netns netavark aardvark-dns fuse-overlayfs catatonit
  libqt6sql6-sqlite qt6-qpa-plugins openssh-client
)
build=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev libqt6svg6 qtkeychain-qt6-dev
  libgl-dev libxkbcommon-dev
  libyaml-cpp-dev libvterm-dev libvncserver-dev
  clang-format musl-tools
)
testing=(
  docker.io busybox-static xvfb xauth x11-utils xterm libqtermwidget5-1-dev qtbase5-dev
  debootstrap python3 procps curl socat iproute2 desktop-file-utils appstream dpkg-dev
  tigervnc-standalone-server tigervnc-tools x11-xserver-utils xdotool xclip
  linguist-qt6 openssh-server
)

packages=("${runtime[@]}" "${build[@]}")
[[ "${1:-}" == "--runtime-only" ]] && packages=("${runtime[@]}")
[[ "${1:-}" == "--with-tests" ]] && packages+=("${testing[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
