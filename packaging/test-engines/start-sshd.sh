#!/usr/bin/env bash
# Starts a private OpenSSH server on 127.0.0.1 for the ssh:// engine tests and prints "<port> <pid>"
# once it accepts connections. Everything lives in DIR: host and client keys, authorized_keys, the
# server's config and a client config (DIR/ssh_config, host alias knot-test-sshd) for `ssh -F`.
# Logins are by key only, as the user running this script. The caller stops the server by that pid
# (kill -TERM); nothing else is touched.
# Usage: start-sshd.sh DIR PORT
set -euo pipefail
source "$(dirname "$0")/common.sh"
dir=$(mkdir -p "$1" && cd "$1" && pwd)
port=$2
sshd=$(command -v sshd || echo /usr/sbin/sshd)
[[ -x $sshd ]] || { echo "sshd not found: install openssh-server (packaging/install-deps.sh --with-tests)" >&2; exit 1; }

rm -f "$dir/host_ed25519" "$dir/host_ed25519.pub" "$dir/client_ed25519" "$dir/client_ed25519.pub"
ssh-keygen -q -t ed25519 -N '' -C knot-test-host -f "$dir/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C knot-test-client -f "$dir/client_ed25519"
cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" >"$dir/known_hosts"
chmod 600 "$dir/authorized_keys" "$dir/known_hosts"

cat >"$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
LogLevel VERBOSE
CONF

cat >"$dir/ssh_config" <<CONF
Host knot-test-sshd
  HostName 127.0.0.1
  Port $port
  User $(id -un)
  IdentityFile $dir/client_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking yes
  LogLevel ERROR
CONF

# sshd insists on its privilege separation folder even when it runs for tests only.
if [[ $(id -u) == 0 && ! -d /run/sshd ]]; then
  mkdir -p -m 755 /run/sshd
fi

setsid "$sshd" -D -e -f "$dir/sshd_config" </dev/null >"$dir/sshd.log" 2>&1 &
pid=$!
echo "$pid" >"$dir/pid"

# If the test that started us dies without stopping the server (a crash), stop it anyway.
knot_stop_with_owner "$PPID" "$pid"

for _ in $(seq 200); do
  if ssh -F "$dir/ssh_config" -o BatchMode=yes -o ConnectTimeout=2 knot-test-sshd true </dev/null 2>/dev/null; then
    echo "$port $pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "sshd exited early:" >&2
    cat "$dir/sshd.log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "sshd did not accept a login within 20 s; its log:" >&2
cat "$dir/sshd.log" >&2
kill -TERM "$pid" 2>/dev/null || true
exit 1
