#!/usr/bin/env bash
# Writes a short spoken clip into FOLDER in every format sox can write and libsndfile can read:
# the seeds for scripts/fuzz.sh and for the deterministic mutation test.
set -euo pipefail
folder=$1
mkdir -p "$folder"
source=$(mktemp "${TMPDIR:-/tmp}/rehearse-seed.XXXXXX.wav")
trap 'rm -f "$source"' EXIT
espeak-ng -w "$source" "I froze" 2>/dev/null
clip=(-r 8000 -c 1 "$source")
sox "${clip[@]}" -b 16 "$folder/pcm16.wav" trim 0 0.15
sox "${clip[@]}" -b 24 "$folder/pcm24.wav" trim 0 0.1
sox "${clip[@]}" -e floating-point -b 32 "$folder/float32.wav" trim 0 0.1
sox "${clip[@]}" -e u-law "$folder/ulaw.wav" trim 0 0.15
sox "${clip[@]}" -e a-law "$folder/alaw.wav" trim 0 0.15
sox "${clip[@]}" -e ima-adpcm "$folder/ima.wav" trim 0 0.15
sox "${clip[@]}" -e ms-adpcm "$folder/msadpcm.wav" trim 0 0.15
sox -r 8000 -c 2 "$source" -b 16 "$folder/stereo.wav" trim 0 0.1
sox "${clip[@]}" "$folder/clip.flac" trim 0 0.2
sox "${clip[@]}" "$folder/clip.ogg" trim 0 0.3
sox "${clip[@]}" "$folder/clip.aiff" trim 0 0.1
sox "${clip[@]}" "$folder/clip.aifc" trim 0 0.1
sox "${clip[@]}" "$folder/clip.au" trim 0 0.1
sox "${clip[@]}" "$folder/clip.caf" trim 0 0.1
sox "${clip[@]}" "$folder/clip.w64" trim 0 0.1
sox "${clip[@]}" "$folder/clip.voc" trim 0 0.1
sox "${clip[@]}" "$folder/clip.sph" trim 0 0.1
sox "${clip[@]}" "$folder/clip.sf" trim 0 0.1
sox "${clip[@]}" "$folder/clip.avr" trim 0 0.1
sox "${clip[@]}" "$folder/clip.wve" trim 0 0.1 2>/dev/null || true
