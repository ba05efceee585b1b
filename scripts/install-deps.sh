#!/usr/bin/env bash
# Installs everything winpath needs to build and test, from Debian 12's packages.
# Idempotent: when every package is present it changes nothing and needs no network.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libsimdjson-dev libyaml-cpp-dev libfmt-dev libcli11-dev libxxhash-dev libzstd-dev
  nlohmann-json3-dev libutfcpp-dev
  libeigen3-dev libboost-math-dev
  libgtest-dev libgmock-dev libbenchmark-dev time
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
