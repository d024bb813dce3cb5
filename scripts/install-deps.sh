#!/usr/bin/env bash
# Installs the Debian packages rehearse needs, if any are missing.
#
#   scripts/install-deps.sh          what running rehearse needs
#   scripts/install-deps.sh --test   plus what the test suite needs (sox, a virtual audio device,
#                                    the synthesizers, and real voices: alsa-utils' recordings for the
#                                    tests, pocketsphinx-testdata's for the speech-rate benchmark)
#
# Runs apt-get only when something is missing (always under CI=true), as root or through sudo.
set -euo pipefail

runtime=(pkg-config portaudio19-dev libsndfile1-dev libsqlite3-dev espeak-ng)
testing=(sox libsox-fmt-mp3 ffmpeg pulseaudio pulseaudio-utils libasound2-plugins tmux procps chromium python3 python3-numpy
    flite festival festvox-kallpc16k mbrola mbrola-us1 mbrola-us2 mbrola-en1 alsa-utils pocketsphinx-testdata)

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

# The MBROLA voices are in Debian's contrib and non-free components: add them for the archive and
# release the machine's own sources name (deb822 .sources or one-line sources.list).
voices_source=/etc/apt/sources.list.d/rehearse-contrib.sources
if [ "${1:-}" = "--test" ] && [ ! -e "$voices_source" ]; then
    uri="" suite=""
    if [ -r /etc/apt/sources.list.d/debian.sources ]; then
        uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
        suite=$(awk '/^Suites:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
        read -r uri suite < <(awk '$1 == "deb" && $2 !~ /^\[/ { print $2, $3; exit }' /etc/apt/sources.list)
    fi
    if [ -z "$uri" ] || [ -z "$suite" ]; then
        echo "install-deps: cannot tell which Debian archive this machine uses; add contrib and non-free" \
            "to its apt sources for the MBROLA voices" >&2
        exit 1
    fi
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: contrib non-free\nSigned-By: %s\n' \
        "$uri" "$suite" /usr/share/keyrings/debian-archive-keyring.gpg | "${sudo[@]}" tee "$voices_source" >/dev/null
fi

echo "install-deps: installing ${missing[*]:-${packages[*]}}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

