#!/usr/bin/env bash
# A crowd on a new home: ROUNDS rounds, each on a home of its own, of six `import`s and 24 readers
# (`sessions`, `report`, `doctor`, eight of each) started at once. Checks that every command
# succeeded, that each home holds its six takes, and that nothing but takes was left beside them.
#
#   Benchmarks/reliability/crowd.sh [ROUNDS]       default 20 (600 processes)
#   REHEARSE=/path/to/rehearse Benchmarks/reliability/crowd.sh 20    another build
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
if [ -z "${REHEARSE:-}" ]; then
    swift build --product rehearse >/dev/null 2>&1
    REHEARSE=$(swift build --show-bin-path)/rehearse
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-crowd.XXXXXX")
trap 'rm -rf "$work"' EXIT
espeak-ng -w "$work/speech.wav" "I would start by listening to the team"
sox "$work/speech.wav" -r 48000 -c 1 -b 16 "$work/answer.wav" pad 0.5 1.0

failures=0 missing=0 strays=0
for round in $(seq 1 "$rounds"); do
    home=$work/home$round
    mkdir -p "$home" && cp -r Prompts "$home/"
    pids=()
    for day in 1 2 3 4 5 6; do
        "$REHEARSE" import "$work/answer.wav" --prompt first-90-days --date "2026-11-0${day}T09:00:00Z" \
            --again --home "$home" >/dev/null 2>>"$work/errors" &
        pids+=($!)
    done
    for _ in 1 2 3 4 5 6 7 8; do
        for command in sessions report doctor; do
            "$REHEARSE" "$command" --home "$home" >/dev/null 2>>"$work/errors" &
            pids+=($!)
        done
    done
    for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
    takes=$(find "$home/Recordings" -name '*.wav' | wc -l)
    missing=$((missing + 6 - takes))
    strays=$((strays + $(find "$home/Recordings" -mindepth 2 -type f ! -name '*.wav' | wc -l)))
    rm -rf "$home"
done
echo "crowd.sh: $((rounds * 30)) processes, $failures failed, $missing takes missing, $strays stray files"
if [ -s "$work/errors" ]; then echo "crowd.sh: messages:"; sort "$work/errors" | uniq -c | head; fi
