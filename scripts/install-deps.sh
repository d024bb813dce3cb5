#!/usr/bin/env bash
# Installs the Debian packages rehearse needs, if any are missing.
#
#   scripts/install-deps.sh          what running rehearse needs
#   scripts/install-deps.sh --test   plus what the test suite needs (sox, a virtual audio device)
#
# Runs apt-get only when something is missing (always under CI=true), as root or through sudo.
set -euo pipefail

runtime=(pkg-config portaudio19-dev libsndfile1-dev libsqlite3-dev espeak-ng)
testing=(sox pulseaudio pulseaudio-utils libasound2-plugins tmux chromium python3 python3-numpy)

packages=("${runtime[@]}")
[ "${1:-}" = "--test" ] && packages+=("${testing[@]}")

if ! command -v swift >/dev/null; then
    echo "install-deps: the Swift toolchain (6.0 or later) is not on PATH; install it from swift.org first" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ] && [ "${CI:-}" != "true" ]; then
    exit 0
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "install-deps: installing ${missing[*]:-${packages[*]}}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

