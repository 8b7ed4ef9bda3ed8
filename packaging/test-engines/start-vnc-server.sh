#!/usr/bin/env bash
# Starts a private TigerVNC server (Xvnc) for the VNC tests and prints "<display> <pid>" when it accepts
# connections. The caller stops it by that pid (kill -TERM); nothing else is touched.
# Usage: start-vnc-server.sh DIR PORT [PASSWORD]   (no password: security type None)
set -euo pipefail
source "$(dirname "$0")/common.sh"
dir=$1
port=$2
password=${3:-}
mkdir -p "$dir"
: >"$dir/display"

security=(-SecurityTypes None)
if [[ -n "$password" ]]; then
  printf '%s\n' "$password" | vncpasswd -f >"$dir/passwd"
  chmod 600 "$dir/passwd"
  security=(-SecurityTypes VncAuth -PasswordFile "$dir/passwd")
fi

# -displayfd: Xvnc picks a free display itself and writes its number once it is ready.
setsid Xvnc -displayfd 3 -rfbport "$port" -interface 127.0.0.1 -geometry 640x480 -depth 24 -nolisten tcp \
  -AlwaysShared "${security[@]}" 3>"$dir/display" </dev/null >"$dir/xvnc.log" 2>&1 &
pid=$!
echo "$pid" >"$dir/pid"

# If the test that started us dies without stopping the server (a crash), stop it anyway.
knot_stop_with_owner "$PPID" "$pid"

for _ in $(seq 200); do
  if [[ -s "$dir/display" ]]; then
    echo ":$(tr -d '[:space:]' <"$dir/display") $pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Xvnc exited early:" >&2
    cat "$dir/xvnc.log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "Xvnc did not become ready within 20 s" >&2
kill -TERM "$pid" 2>/dev/null || true
exit 1
