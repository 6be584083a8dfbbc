#!/usr/bin/env bash
# Prepares a Debian machine for the container test (npm run test:deploy); .ci/run calls it.
# Installs podman, runc, podman-compose and mmdebstrap with apt when one is missing, and adds
# the two /etc/containers/containers.conf settings these sandboxed machines need when they
# are not set: default_ulimits = [] (the sandbox refuses setrlimit) and runtime = "runc"
# (crun refuses the hybrid cgroup layout). Settings already present are left as they are.
set -euo pipefail

SUDO=
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive

missing=()
for tool in podman runc podman-compose mmdebstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-host: installing podman runc podman-compose mmdebstrap (missing: ${missing[*]})"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q -o Dpkg::Options::=--force-confold podman runc podman-compose mmdebstrap
fi

conf=/etc/containers/containers.conf
$SUDO mkdir -p /etc/containers
[ -f "$conf" ] || $SUDO touch "$conf"

# ensure SECTION KEY VALUE: add `KEY = VALUE` under [SECTION] unless KEY is already set.
ensure() {
  local section=$1 key=$2 value=$3
  if grep -Eq "^[[:space:]]*${key}[[:space:]]*=" "$conf"; then return; fi
  if grep -Eq "^[[:space:]]*\[${section}\][[:space:]]*$" "$conf"; then
    $SUDO sed -i -E "/^[[:space:]]*\[${section}\][[:space:]]*$/a ${key} = ${value}" "$conf"
  else
    printf '\n[%s]\n%s = %s\n' "$section" "$key" "$value" | $SUDO tee -a "$conf" >/dev/null
  fi
  echo "setup-host: $conf: [$section] $key = $value"
}
ensure containers default_ulimits '[]'
ensure engine runtime '"runc"'
