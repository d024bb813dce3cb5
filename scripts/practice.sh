#!/usr/bin/env bash
# Sets up and starts a practice session: installs rehearse for this user (scripts/install.sh), then
# runs `rehearse practice` in the practice home ($XDG_DATA_HOME/rehearse, by default
# ~/.local/share/rehearse), away from the source code.
# Extra arguments go to `rehearse practice` (e.g. --deck situational --count 5 --speak).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
home="${XDG_DATA_HOME:-$HOME/.local/share}/rehearse"
# Practice recorded in this clone by an earlier version stays in use until it is moved.
if [ -f Recordings/rehearse.sqlite ] && [ ! -f "$home/Recordings/rehearse.sqlite" ]; then
    echo "practice.sh: using your earlier practice in $PWD; move Prompts/ and Recordings/ to $home to use the new place" >&2
    home=$PWD
fi
exec "$HOME/.local/bin/rehearse" practice --home "$home" "$@"
