#!/usr/bin/env bash
# Sets up and starts a practice session: installs what is missing, builds rehearse (release), and
# runs `rehearse practice` in this folder (decks from Prompts/, answers into Recordings/).
# Extra arguments go to `rehearse practice` (e.g. --deck situational --count 5 --speak).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
swift build -c release --product rehearse >&2
exec .build/release/rehearse practice "$@"
