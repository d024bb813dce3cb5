#!/usr/bin/env bash
# Fuzzes the audio reader and the analysis with libFuzzer for a bounded time.
#
#   scripts/fuzz.sh [SECONDS]      default 60
#
# Seeds: one short clip in every format libsndfile reads that sox can write. A crash stops the run
# with status 1 and leaves its input in .build-fuzz/findings/; copy it into Tests/Fuzz/Regressions/
# (where the test suite replays it on every run) once the bug is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

swift build -c release --product rehearse-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" .build-fuzz/findings
bash scripts/fuzz-seeds.sh "$work/corpus"
cp Tests/Fuzz/Regressions/* "$work/corpus/" 2>/dev/null || true

# Inputs are tiny files; -rss_limit_mb catches a header that makes the reader allocate without bound.
if ! ASAN_OPTIONS=detect_leaks=0 .build-fuzz/release/rehearse-fuzz "$work/corpus" -max_total_time="$seconds" \
    -max_len=65536 -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=.build-fuzz/findings/ 2>"$work/log"; then
    tail -40 "$work/log" >&2
    echo "fuzz.sh: a crash; its input is in .build-fuzz/findings/" >&2
    exit 1
fi
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log" | sed 's/^/fuzz.sh: /'
