#!/usr/bin/env python3
"""Times webrtcvad (PyPI webrtcvad-wheels) over a whole 16-bit mono WAV, decoding included, the way
rehearse analyses it: read in chunks, classify every 30 ms frame. Prints the seconds taken."""
import sys
import time
import wave

import webrtcvad

path = sys.argv[1]
started = time.perf_counter()
vad = webrtcvad.Vad(2)
speech_frames = 0
with wave.open(path) as source:
    rate = source.getframerate()
    frame_bytes = int(rate * 0.03) * 2
    leftover = b""
    while True:
        chunk = source.readframes(65536)
        if not chunk:
            break
        data = leftover + chunk
        usable = len(data) - len(data) % frame_bytes
        for offset in range(0, usable, frame_bytes):
            speech_frames += vad.is_speech(data[offset:offset + frame_bytes], rate)
        leftover = data[usable:]
print(f"{time.perf_counter() - started:.4f} {speech_frames}")
