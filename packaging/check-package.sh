#!/usr/bin/env bash
# Builds the Debian package from a build folder and checks what a user would get: the programs,
# the desktop entry, icon and AppStream metadata (validated), and library dependencies that
# dpkg-shlibdeps worked out.
# Usage: packaging/check-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log" >&2
  exit 1
}
deb=$(ls "$work"/*.deb)
echo "package: $(basename "$deb")"
dpkg-deb -c "$deb" | awk '{print $NF}' >"$work/contents"
status=0
for path in ./usr/bin/knot-desktop ./usr/bin/knot-cli ./usr/share/applications/knot-desktop.desktop \
  ./usr/share/icons/hicolor/scalable/apps/knot-desktop.svg ./usr/share/metainfo/io.knot.KnotDesktop.metainfo.xml; do
  grep -qxF "$path" "$work/contents" || { echo "missing from the package: $path" >&2; status=1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for library in libqt6widgets6 libqt6network6 libqt6sql6-sqlite libqt6svg6 libvterm0 libvncclient1 libyaml-cpp0; do
  grep -q "$library" <<<"$depends" || { echo "dependency not found: $library" >&2; status=1; }
done
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/knot-desktop.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.knot.KnotDesktop.metainfo.xml"
"$work/root/usr/bin/knot-cli" --version
exit $status
