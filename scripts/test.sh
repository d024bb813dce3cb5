#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, checks formatting, starts a private virtual
# audio device (so the integration tests drive real PortAudio even without a sound card), builds
# with warnings as errors, runs every test, stops the device, and fails if the tests left anything
# in their temporary folder, then fuzzes the audio reader and the analysis for 30 s (libFuzzer).
# Extra arguments go to the test runner (e.g. --filter RingBuffer) and skip the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
phase() { echo "test.sh: $1 ($((SECONDS - started)) s so far)" >&2; }

bash scripts/install-deps.sh --test
phase "dependencies installed"

swift format lint --strict --recursive --configuration .swift-format Sources Tests Benchmarks Package.swift

scratch=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-test.XXXXXX")
audio_dir="$scratch/audio" tests_tmp="$scratch/tests"
mkdir "$audio_dir" "$tests_tmp" "$scratch/tools"
trap 'bash scripts/virtual-audio.sh stop "$audio_dir"; rm -rf "$scratch"' EXIT
# SwiftPM and the compiler leave a folder in the temporary folder on every run: give them one of
# ours, removed at the end, so the test command leaves nothing behind either.
export TMPDIR="$scratch/tools"
eval "$(bash scripts/virtual-audio.sh start "$audio_dir" 48000)"
# The device is up, so audio tests must run: a failure to reach it fails them instead of skipping.
export REHEARSE_REQUIRE_AUDIO=1

# The lock-free ring buffer again under ThreadSanitizer, which flags a missing acquire/release as a
# data race even when the stress test happens to pass.
swift build --build-tests --sanitize=thread --scratch-path .build-tsan
swift test --skip-build --disable-xctest --sanitize=thread --scratch-path .build-tsan --filter SampleRingBufferTests
phase "ring buffer clean under ThreadSanitizer"

# Everything. The test runner is started directly (not through `swift test`, whose own tooling
# leaves files in the temporary folder), with a temporary folder of its own that must end empty.
# Warnings are errors: the compiler's through the flag, SwiftPM's own (a package file it does not
# handle, a flag from pkg-config) by reading what it printed.
swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | tee "$audio_dir/build.log"
if grep "warning:" "$audio_dir/build.log" >&2; then
    echo "test.sh: the build printed the warnings above" >&2
    exit 1
fi
TMPDIR="$tests_tmp" "$(swift build --show-bin-path)/rehearsePackageTests.xctest" --testing-library swift-testing "$@"
leftovers=$(ls -A "$tests_tmp")
if [ -n "$leftovers" ]; then
    echo "test.sh: the tests left files in their temporary folder:" >&2
    echo "$leftovers" >&2
    exit 1
fi
phase "all tests passed"

if [ $# -eq 0 ]; then
    bash scripts/fuzz.sh 30
    phase "fuzzing found nothing"
fi
