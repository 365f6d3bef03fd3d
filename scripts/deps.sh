#!/usr/bin/env bash
# scripts/deps.sh - install the Debian packages skbsim needs, only if missing.
#
# Usage: scripts/deps.sh [--bench | --fuzz]
#   --bench   also the peer simulator (ns-3) for scripts/bench.sh
#   --fuzz    also clang and its libFuzzer runtime for scripts/fuzz.sh
#
# Runs `apt-get update` only when something must be installed, so a machine
# that already has everything makes no network request at all.
set -euo pipefail

pkgs=(build-essential cmake pkg-config libglib2.0-dev libpcap-dev
      libsqlite3-dev sqlite3 liblua5.4-dev check tshark libedit-dev)
if [ "${1:-}" = "--bench" ]; then
	pkgs+=(libns3-dev ns3 g++ python3)
fi
if [ "${1:-}" = "--fuzz" ]; then
	pkgs+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# tshark asks whether non-root users may capture; answer for it.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	$sudo debconf-set-selections
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
