#!/usr/bin/env python3
"""Makes spoken answers with exactly known speech and pause boundaries, in several conditions.

Each answer is a series of espeak-ng phrases (several voices and speeds) joined by silences from
0.1 s (too short to be a pause) to 5 s, after a leading silence (the response latency). The truth is
taken from the clean phrases themselves: speech is every 10 ms frame within 35 dB of the phrase's
loudest, so a pause is the real silence between two phrases (and inside one, if espeak-ng left one),
not just the inserted gap.
Each condition then degrades the same clean answers: noise (white, pink, brown with 50 Hz hum) at
30/20/10 dB SNR, background voices 15 dB below the speaker, reverberation, and a quiet microphone
(-20 dB gain, DC offset). Output: WAV files (16 kHz, 16-bit) and truth.json.

usage: make_corpus.py OUTPUT_DIR [--answers N] [--seed S]
"""
import argparse
import json
import os
import subprocess
import tempfile
import wave

import numpy as np

RATE = 16_000
PHRASES = [
    "I have spent the last six years working in logistics",
    "my main job was to keep the warehouse running on time",
    "in my first ninety days I would listen to the team",
    "then I would pick one small problem and solve it",
    "I think the hardest part was learning to say no",
    "we missed the deadline by two weeks",
    "so I called the client and explained what happened",
    "after that we changed the way we plan every project",
    "my manager and I did not agree at first",
    "I asked for a meeting to understand her point of view",
    "the result was a plan that both of us could accept",
    "I am looking for a role where I can keep learning",
    "what I enjoy most is helping new colleagues",
    "I would describe myself as calm and organised",
    "honestly it took me a while to get used to it",
    "the numbers improved by about twenty percent",
    "I still remember how nervous I was that day",
    "it taught me to ask for help earlier",
]
BABBLE = [
    "the weather will be dry in the north with some rain later",
    "and now the latest sports results from this afternoon",
    "prices went up again this month according to the report",
    "the film tells the story of a family on a long journey",
    "traffic is heavy on the main road into the city",
    "scientists say the new bridge will open next spring",
]
VOICES = ["en-us", "en", "en-us+m3", "en+f2", "en-us+f4", "en+m7"]
GAPS = [0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7, 2.2, 3.0, 4.0, 5.0]
SPEECH_RANGE_DB = 35.0
MIN_PAUSE = 0.25


def espeak(text, voice, speed):
    with tempfile.NamedTemporaryFile(suffix=".wav") as raw, tempfile.NamedTemporaryFile(suffix=".wav") as out:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", raw.name, text], check=True)
        subprocess.run(["sox", raw.name, "-r", str(RATE), "-c", "1", "-e", "floating-point", "-b", "32", out.name], check=True)
        return read_wav(out.name)


def syllables(text, voice):
    """Vowel nuclei in espeak-ng's own IPA transcription of the text: what it actually said."""
    ipa = subprocess.run(["espeak-ng", "-q", "-v", voice, "--ipa", text], check=True, capture_output=True, text=True).stdout
    vowels = set("aeiouyæɑɒɔəɛɜɪʊʌɐɘɵɤøœɶɯɨʉɚɝ")
    count, inside = 0, False
    for char in ipa:
        if char in "ˈˌːˑ":
            continue
        if char in vowels:
            if not inside:
                count += 1
            inside = True
        elif char == "\u0329":  # syllabic consonant mark
            count += 1
            inside = False
        else:
            inside = False
    return count


def read_wav(path):
    result = subprocess.run(["sox", path, "-t", "f32", "-"], check=True, capture_output=True)
    return np.frombuffer(result.stdout, dtype=np.float32).astype(np.float64)


def write_wav(path, samples):
    pcm = np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


def speech_spans(samples):
    """Where a clean clip is speech: 10 ms frames whose RMS is within 35 dB of the clip's loudest
    frame, joined across gaps shorter than the pause threshold (sample offsets)."""
    frame = RATE // 100
    count = len(samples) // frame
    rms = np.sqrt(np.mean(samples[: count * frame].reshape(count, frame) ** 2, axis=1)) + 1e-12
    loud = np.nonzero(20 * np.log10(rms / rms.max()) > -SPEECH_RANGE_DB)[0]
    spans = []
    for index in loud:
        if spans and (index - spans[-1][1]) * frame / RATE < MIN_PAUSE:
            spans[-1][1] = index + 1
        else:
            spans.append([index, index + 1])
    return [(s * frame, e * frame) for s, e in spans]


def make_answer(rng):
    phrase_count = rng.integers(3, 7)
    voice = VOICES[rng.integers(len(VOICES))]
    speed = int(rng.integers(120, 200))
    latency = float(rng.uniform(0.4, 4.0))
    pieces = [np.zeros(int(latency * RATE))]
    speech = []
    syllable_count = 0
    position = len(pieces[0])
    for index, text in enumerate(rng.choice(PHRASES, size=phrase_count, replace=False)):
        clip = espeak(str(text), voice, speed)
        speech += [[position + start, position + end] for start, end in speech_spans(clip)]
        syllable_count += syllables(str(text), voice)
        pieces.append(clip)
        position += len(clip)
        if index < phrase_count - 1:
            gap = np.zeros(int(GAPS[rng.integers(len(GAPS))] * RATE))
            pieces.append(gap)
            position += len(gap)
    tail = np.zeros(int(rng.uniform(0.5, 1.5) * RATE))
    pieces.append(tail)
    signal = np.concatenate(pieces)
    # Merge speech closer than the pause threshold, as the analysis does.
    runs = []
    for start, end in speech:
        if runs and (start - runs[-1][1]) / RATE < MIN_PAUSE:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    truth = {
        "voice": voice,
        "speed": speed,
        "duration": len(signal) / RATE,
        "latency": runs[0][0] / RATE,
        "speech": [{"start": s / RATE, "end": e / RATE} for s, e in runs],
        "pauses": [{"start": a[1] / RATE, "end": b[0] / RATE} for a, b in zip(runs, runs[1:])],
        "syllables": syllable_count,
    }
    speaking_span = (runs[-1][1] - runs[0][0]) / RATE
    truth["speechRate"] = syllable_count / speaking_span
    return signal, truth, speech


def speech_power(signal, speech):
    parts = np.concatenate([signal[s:e] for s, e in speech])
    return float(np.mean(parts ** 2))


def coloured_noise(rng, n, kind):
    white = rng.standard_normal(n)
    if kind == "white":
        return white
    spectrum = np.fft.rfft(white)
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    freqs[0] = freqs[1]
    if kind == "pink":
        spectrum /= np.sqrt(freqs)
    elif kind == "brownhum":
        spectrum /= freqs
        spectrum[freqs < 20] = 0
    noise = np.fft.irfft(spectrum, n)
    noise /= np.std(noise)
    if kind == "brownhum":
        t = np.arange(n) / RATE
        hum = np.sin(2 * np.pi * 50 * t) + 0.5 * np.sin(2 * np.pi * 100 * t + 1) + 0.25 * np.sin(2 * np.pi * 150 * t + 2)
        noise = noise + 1.5 * hum / np.std(hum)
        noise /= np.std(noise)
    return noise


def babble(rng, n):
    mix = np.zeros(n)
    for talker in range(4):
        voice = VOICES[(talker + 2) % len(VOICES)]
        stream = np.concatenate([espeak(str(t), voice, 160) for t in rng.permutation(BABBLE)])
        while len(stream) < n:
            stream = np.concatenate([stream, stream])
        offset = int(rng.integers(0, len(stream) - n + 1))
        mix += stream[offset:offset + n]
    return mix / np.std(mix)


def reverb(rng, signal, rt60=0.5):
    length = int(rt60 * RATE)
    t = np.arange(length) / RATE
    impulse = rng.standard_normal(length) * np.exp(-6.9 * t / rt60)
    impulse[0] = 1.0
    impulse /= np.sqrt(np.sum(impulse ** 2))
    wet = np.convolve(signal, impulse)[: len(signal)]
    return wet * np.sqrt(np.mean(signal ** 2) / np.mean(wet ** 2))


def conditions(rng, signal, speech):
    power = speech_power(signal, speech)
    yield "clean", signal
    for kind in ["white", "pink", "brownhum"]:
        for snr in [30, 20, 10]:
            noise = coloured_noise(rng, len(signal), kind)
            yield f"{kind}-{snr}dB", signal + noise * np.sqrt(power / 10 ** (snr / 10))
    yield "babble-15dB", signal + babble(rng, len(signal)) * np.sqrt(power / 10 ** 1.5)
    yield "reverb", reverb(rng, signal)
    quiet = signal * 10 ** (-20 / 20) + 0.02
    yield "quiet-dc", quiet + rng.standard_normal(len(signal)) * np.sqrt(power * 0.01 / 10 ** 3.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--answers", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.output, exist_ok=True)
    truth = {}
    for number in range(args.answers):
        signal, answer_truth, speech = make_answer(rng)
        peak = np.max(np.abs(signal))
        signal = signal * (0.5 / peak)
        for condition, audio in conditions(rng, signal, speech):
            name = f"{condition}/answer{number:02d}.wav"
            os.makedirs(os.path.join(args.output, condition), exist_ok=True)
            write_wav(os.path.join(args.output, name), np.clip(audio, -1, 1))
            truth[name] = answer_truth
        print(f"answer {number + 1}/{args.answers}: {answer_truth['voice']} at {answer_truth['speed']} wpm, "
              f"{len(answer_truth['pauses'])} pauses", flush=True)
    with open(os.path.join(args.output, "truth.json"), "w") as out:
        json.dump(truth, out, indent=1)


if __name__ == "__main__":
    main()
