#!/usr/bin/env bash
# Installs the programs the tests drive that do not come from PyPI, when they are missing:
# Debian's headless Chromium (browser tests) and Node.js (the CloudFront Function's test).
# Needs root (or sudo) on a Debian-like machine.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "installing ${need[*]} (Debian packages)" >&2
# Wait for another apt run to finish rather than fail on its lock.
apt_options=(-o DPkg::Lock::Timeout=300)
$SUDO apt-get "${apt_options[@]}" update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${apt_options[@]}" install -y -qq \
  --no-install-recommends "${need[@]}" >/dev/null
for program in chromium node; do
  command -v "$program" >/dev/null 2>&1 || {
    echo "system-deps: $program is still missing after installing ${need[*]}" >&2
    exit 1
  }
done
