#!/usr/bin/env bash
# Sets up and starts a practice take: installs what is missing, builds rehearse (release), and
# records one answer into Recordings/. Extra arguments go to `rehearse record`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
swift build -c release --product rehearse >&2
take="Recordings/answer-$(date +%Y%m%d-%H%M%S).wav"
echo "Answer out loud: \"Tell me about yourself.\"" >&2
exec .build/release/rehearse record "$take" "$@"
