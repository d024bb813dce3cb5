#!/usr/bin/env bash
# Overlapping commands on one home: ROUNDS rounds of two `import`s and one `report` started at
# once, then checks that every import succeeded, no row was lost or doubled, the database is
# intact, and every stored take is exactly as long as its file.
#
#   Benchmarks/reliability/overlap.sh [ROUNDS]     default 200 (600 processes)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-200}
swift build --product rehearse >/dev/null 2>&1
rehearse=$(swift build --show-bin-path)/rehearse
work=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-overlap.XXXXXX")
trap 'rm -rf "$work"' EXIT
home=$work/home
mkdir -p "$home" && cp -r Prompts "$home/"
espeak-ng -w "$work/speech.wav" "I would listen first, then act on what I learn."
sox "$work/speech.wav" -r 16000 -c 1 -b 16 "$work/answer.wav" pad 0.8 0.5

failures=0
started=$SECONDS
for round in $(seq 1 "$rounds"); do
    day=$(printf "2026-%02d-%02dT09:%02d:00Z" $(( (round / 28) % 12 + 1 )) $(( round % 28 + 1 )) $(( round % 60 )))
    "$rehearse" import "$work/answer.wav" --prompt first-90-days --date "$day" --again --home "$home" >/dev/null 2>"$work/e1" &
    a=$!
    "$rehearse" import "$work/answer.wav" --prompt tell-me-about-yourself --date "$day" --again --home "$home" >/dev/null 2>"$work/e2" &
    b=$!
    "$rehearse" report --home "$home" >/dev/null 2>"$work/e3" &
    c=$!
    for pid in $a $b $c; do wait "$pid" || failures=$((failures + 1)); done
    cat "$work/e1" "$work/e2" "$work/e3" >> "$work/errors"
done
echo "overlap.sh: $((rounds * 3)) processes in $((SECONDS - started)) s, $failures failed"
python3 - "$home/Recordings/rehearse.sqlite" "$home" "$rounds" <<'PY'
import sqlite3, subprocess, sys
database, home, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = sqlite3.connect(database)
takes = db.execute("SELECT file, duration FROM take").fetchall()
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
files = {file for file, _ in takes}
wrong = 0
for file, duration in takes:
    length = float(subprocess.run(["soxi", "-D", f"{home}/{file}"], capture_output=True, text=True).stdout or 0)
    if abs(length - duration) > 0.001:
        wrong += 1
print(f"overlap.sh: {len(takes)} takes for {2 * rounds} imports, {len(takes) - len(files)} duplicated, "
      f"{wrong} with a duration unlike their file's, integrity {integrity}")
PY
if [ -s "$work/errors" ]; then echo "overlap.sh: messages:"; sort "$work/errors" | uniq -c | head; fi
