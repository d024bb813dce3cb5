#!/usr/bin/env python3
"""Counts rehearse's syllables on real continuous speech read from known text, in several conditions.

The recordings are Debian's pocketsphinx-testdata (`scripts/install-deps.sh --test`): five
sentences of a LibriVox reading of "Sense and Sensibility", five utterances of the "cards" speaker,
"go forward ten meters" and a string of digits, four speakers in all. The truth is the syllable
count of each text's espeak-ng transcription (make_corpus.syllables). Each recording gets 0.5 s of
silence either side and is degraded as make_corpus.py degrades its answers.

usage: real_speech_rate.py [--rehearse PATH] [--seed S]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import make_corpus as corpus  # noqa: E402

# Every recording of pocketsphinx-testdata that make_corpus knows, in the order of its speakers.
RECORDINGS = {path: text for speaker in ["librivox", "cards", "goforward", "tidigits"]
              for text, path in corpus.RECORDED[speaker].items()}
CONDITIONS = ["clean", "white-10dB", "pink-20dB", "reverb-0.6s", "reverb-0.9s", "phone"]


def recording(name):
    """The recording as 16 kHz samples, 0.5 s of silence either side, peaking at 0.5."""
    samples = corpus.read_recording(name)
    padded = np.concatenate([np.zeros(corpus.RATE // 2), samples, np.zeros(corpus.RATE // 2)])
    return padded * (0.5 / np.max(np.abs(padded)))


def degraded(rng, signal, condition):
    power = np.mean(signal[np.abs(signal) > 0.01] ** 2)
    kind, _, level = condition.partition("-")
    if condition == "clean":
        return signal
    if kind in ("white", "pink"):
        return signal + corpus.at_level(corpus.coloured_noise(rng, len(signal), kind), power, int(level[:-2]))
    if kind == "reverb":
        room = corpus.at_level(corpus.coloured_noise(rng, len(signal), "pink"), power, 45)
        return corpus.reverb(rng, signal, float(level[:-1])) + room
    line = corpus.at_level(corpus.coloured_noise(rng, len(signal), "white"), power, 35)
    coded = corpus.through_sox(signal + line, "sinc", "300-3400", "rate", "8000", extension="wav",
                               encoding=["-e", "mu-law", "-r", "8000"])
    return corpus.aligned(signal, coded)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rehearse", default=os.path.join(os.path.dirname(__file__), "../../.build/release/rehearse"))
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if not os.path.isdir(corpus.POCKETSPHINX_DATA):
        parser.error(f"the recordings are not in {corpus.POCKETSPHINX_DATA} (Debian package pocketsphinx-testdata)")
    said = sum(corpus.syllables(text) for text in RECORDINGS.values())
    rng = np.random.default_rng(args.seed)
    print(f"{len(RECORDINGS)} recordings, {said} syllables said")
    print("| condition | syllables counted | error |\n|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for condition in CONDITIONS:
            paths = []
            for index, name in enumerate(RECORDINGS):
                path = os.path.join(folder, f"{condition}-{index:02d}.wav")
                corpus.write_wav(path, degraded(rng, recording(name), condition))
                paths.append(path)
            result = subprocess.run([args.rehearse, "analyze", "--json", *paths], capture_output=True, text=True)
            counted = sum(answer["metrics"]["syllableCount"] for answer in json.loads(result.stdout))
            print(f"| {condition} | {counted} | {100 * (counted - said) / said:+.0f} % |", flush=True)


if __name__ == "__main__":
    main()
