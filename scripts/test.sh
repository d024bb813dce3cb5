#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, starts a private virtual audio device (so the
# integration tests drive real PortAudio even without a sound card), runs `swift test`, stops the
# device. Extra arguments go to `swift test` (e.g. --filter RingBuffer).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test

audio_dir=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-audio.XXXXXX")
trap 'bash scripts/virtual-audio.sh stop "$audio_dir"; rm -rf "$audio_dir"' EXIT
eval "$(bash scripts/virtual-audio.sh start "$audio_dir" 48000)"
# The device is up, so audio tests must run: a failure to reach it fails them instead of skipping.
export REHEARSE_REQUIRE_AUDIO=1

# The lock-free ring buffer again under ThreadSanitizer, which flags a missing acquire/release as a
# data race even when the stress test happens to pass.
swift build --build-tests --sanitize=thread --scratch-path .build-tsan
swift test --skip-build --disable-xctest --sanitize=thread --scratch-path .build-tsan --filter SampleRingBufferTests

# Everything.
swift build --build-tests
swift test --skip-build --disable-xctest "$@"
