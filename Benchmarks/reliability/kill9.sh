#!/usr/bin/env bash
# How much audio a `kill -9` during `rehearse record` loses. Starts a private virtual audio device,
# then KILLS times: record, feed speech into the microphone, kill -9 after a random 1-4 s, and
# compare the time recorded since the stream opened with the seconds the file holds.
#
#   Benchmarks/reliability/kill9.sh [KILLS] [wav|flac]     default 50 wav
#
# Prints one line per kill and the median and worst loss. The stream is taken to start when the
# sound server lists the recording client, a little after it really starts: losses are, if
# anything, overstated.
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-50}
format=${2:-wav}
swift build --product rehearse >/dev/null 2>&1
rehearse=$(swift build --show-bin-path)/rehearse
work=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-kill9.XXXXXX")
audio=$work/audio
mkdir -p "$audio"
trap 'bash scripts/virtual-audio.sh stop "$audio"; rm -rf "$work"' EXIT
eval "$(bash scripts/virtual-audio.sh start "$audio" 48000)"
espeak-ng -w "$work/speech.wav" "In my first ninety days I would listen before I change anything. I would meet every person on the team and learn how the work really gets done."
sox "$work/speech.wav" -r 48000 -c 1 "$work/feed.wav"

for i in $(seq 1 "$kills"); do
    out="$work/take$i.$format"
    "$rehearse" record "$out" --duration 30 </dev/null >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 200); do
        pactl list short source-outputs 2>/dev/null | grep -q protocol-native && break
        sleep 0.01
    done
    opened=$(date +%s.%N)
    paplay -d vmic_feed "$work/feed.wav" &
    feeder=$!
    sleep "$(python3 -c "import random; random.seed($i); print(round(random.uniform(1, 4), 3))")"
    kill -9 "$pid"
    killed=$(date +%s.%N)
    wait "$pid" 2>/dev/null || true
    kill "$feeder" 2>/dev/null || true
    wait "$feeder" 2>/dev/null || true
    kept=$(soxi -D "$out" 2>/dev/null || echo 0)
    python3 -c "print(f'kill $i: recorded {($killed - $opened):.3f} s, file holds {$kept:.3f} s, lost {max(0, ($killed - $opened) - $kept):.3f} s')"
done | tee "$work/log"
python3 - "$work/log" <<'PY'
import re, statistics, sys
losses = [float(m.group(1)) for m in re.finditer(r"lost ([0-9.]+) s", open(sys.argv[1]).read())]
print(f"{len(losses)} kills: median loss {statistics.median(losses) * 1000:.0f} ms, worst {max(losses) * 1000:.0f} ms")
PY
