#!/usr/bin/env bash
# Builds the root file system tarball of the test image from busybox-static: /bin/busybox, one
# symlink per applet at its usual place (sh, ls, cat, sleep, nc, httpd, stty, tar, …), /etc/passwd
# and /etc/group with root, /tmp and /root. A few MB, made in a second, no registry needed.
# Usage: make-busybox-image.sh OUT.tar
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $(basename "$0") OUT.tar" >&2; exit 2; }
out=$1
busybox=""
for candidate in /bin/busybox /usr/bin/busybox; do
  if [[ -x $candidate ]] && ! LC_ALL=C ldd "$candidate" >/dev/null 2>&1; then busybox=$candidate; break; fi
done
[[ -n $busybox ]] || { echo "no static busybox found: install busybox-static" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,proc,sys,dev,var/tmp}
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 700 "$root/root"
cp "$busybox" "$root/bin/busybox"
"$busybox" --list-full | while read -r applet; do
  [[ $applet == bin/busybox || -e $root/$applet ]] && continue
  ln -s /bin/busybox "$root/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$out.part" .
mv "$out.part" "$out"
