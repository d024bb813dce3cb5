#!/usr/bin/env python3
"""Makes spoken answers with exactly known speech and pause boundaries, in many hard conditions.

Each answer is a series of phrases from one synthesizer voice (espeak-ng, flite, festival, or MBROLA
through espeak-ng; answer k uses voice k of VOICES, in turn) joined by silences from 0.1 s (too short
to be a pause) to 5 s, after a leading silence (the response latency). Phrases are rich in s-final
words and stop releases. The truth is taken from the clean phrases themselves: speech is every 10 ms
frame within 35 dB of the phrase's loudest, so a pause is the real silence between two phrases (and
inside one, if the synthesizer left one), not just the inserted gap.

Each condition then degrades the same clean answers (levels are relative to the speaker's active
speech power):
  clean
  white / pink / brownhum (brown noise with 50 Hz hum)  at 30, 20 and 10 dB SNR
  voices-30dB / -20dB / -10dB   1 to 6 background talkers from another synthesizer, from the start
  reverb-0.3s / 0.6s / 0.9s     exponentially decaying noise impulse responses of that RT60
  bumps        clicks, thumps and breaths 30-40 dB below the speaker in the lead-in and in pauses
               (in long ones, and a click in every pause shorter than 0.8 s)
  zeros        0.1-1 s of digital zeros before a faint room noise starts; zeros-ogg, zeros-mp3: the
               same after a lossy round trip (the codec's delay removed)
  phone        300-3400 Hz, 8 kHz, mu-law, a little line noise, back to 16 kHz
  rate-44k / rate-48k   the answer at 44.1 and 48 kHz with pink noise at 30 dB
  quiet-dc     -20 dB gain and a DC offset
Output: WAV files (16 kHz, 16-bit, except rate-*) and truth.json (per file: voice, latency, speech
runs, pauses, syllable count, speech rate).

With --fillers it makes answers with filled pauses instead ("uh", "um", "er", "erm", 0.2 to 1.2 s,
flat or falling pitch) between phrases and inside one, in the answering voice itself, so from four
synthesizers as the voices take turns (MBROLA from phoneme input with exact durations and pitch;
espeak-ng phoneme input, and flite and festival saying "uh", "um", "er", "erm", words their
lexicons hold as /ʌ/, /ʌm/, /ɜ/, /ɜm/, each held to its length by sox's `tempo`, which stretches
time and keeps the pitch), and a lengthened word ("so", "well", "and": not a filled pause) in each answer. Their truth adds
`filledPauses` and `lengthenedWords`; a filled pause is sound, so the speech runs and silent pauses
count it as speech, as the silent-pause measures do. Conditions: clean and pink noise at 20 dB,
written as fillers-clean and fillers-pink-20dB; and fluent-lengthened: answers of the same voices
with no filled pause at all but two lengthened words each (the false alarms that matter most),
clean and with pink noise at 20 dB (fluent-lengthened-pink-20dB).

With --human every answer is said by a real person instead, in every condition above: a check that
what the synthesizers taught holds for human voices (real fricatives, releases and breathing). Each
recording is one phrase with no pause inside it.
  --human alsa  (or --human alone) the eight channel names ("Front Center", "Rear Left", ...) that
                alsa-utils' speaker-test plays, recorded by one speaker (/usr/share/sounds/alsa)
  --human read  read speech from Debian's pocketsphinx-testdata, answers taking turns between two
                speakers: five sentences of a LibriVox reading of "Sense and Sensibility" (a 64
                kbit/s recording with its own room noise 27-34 dB under its loudest) and five
                utterances of the "cards" speaker ("eight of spades four of clubs ..."); each
                recording trimmed to its speech (see `trimmed`), so 3 to 5 phrases an answer

usage: make_corpus.py OUTPUT_DIR [--answers N] [--seed S] [--conditions NAME,...]
                      [--fillers | --human [alsa|read]]
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
    "it taught me to ask for help earlier",
    "the costs of the tests kept us up at night",
    "this process helps us check the facts first",
    "the last steps were the hardest but it worked",
    "that project cost us six weeks and a lot of trust",
    "she asks good questions and expects clear answers",
]
BABBLE = [
    "the weather will be dry in the north with some rain later",
    "and now the latest sports results from this afternoon",
    "prices went up again this month according to the report",
    "the film tells the story of a family on a long journey",
    "traffic is heavy on the main road into the city",
    "scientists say the new bridge will open next spring",
    "thousands of people gathered in the square on Sunday",
    "the minister said the plan would be ready by the summer",
]
# (engine, voice): espeak-ng, flite, festival, and MBROLA diphone voices driven by espeak-ng.
VOICES = [
    ("espeak", "en-us"), ("flite", "slt"), ("mbrola", "mb-us1"), ("festival", "kal_diphone"),
    ("espeak", "en+f2"), ("flite", "rms"), ("mbrola", "mb-us2"), ("flite", "awb"),
    ("espeak", "en-us+m3"), ("mbrola", "mb-en1"), ("flite", "kal16"),
]
# Real voices (--human): per speaker, what each recording says and where it is.
ALSA_SOUNDS = "/usr/share/sounds/alsa"
POCKETSPHINX_DATA = "/usr/share/pocketsphinx/test/data"
_LIBRIVOX = POCKETSPHINX_DATA + "/librivox/sense_and_sensibility_01_austen_64kb-0"
RECORDED = {
    "alsa": {text: f"{ALSA_SOUNDS}/{text.replace(' ', '_')}.wav" for text in [
        "Front Center", "Front Left", "Front Right", "Rear Center", "Rear Left", "Rear Right", "Side Left",
        "Side Right"]},
    "librivox": {
        "and mister john dashwood had then leisure to consider how much there might be prudently in his "
        "power to do for them": _LIBRIVOX + "870.wav",
        "he was not an ill disposed young man": _LIBRIVOX + "880.wav",
        "unless to be rather cold hearted and rather selfish is to be ill disposed": _LIBRIVOX + "890.wav",
        "had he married a more a amiable woman he might have been made still more respectable than he "
        "was": _LIBRIVOX + "920.wav",
        "he might even have been made amiable himself": _LIBRIVOX + "930.wav",
    },
    "cards": {text: f"{POCKETSPHINX_DATA}/cards/00{number}.wav" for number, text in enumerate([
        "ten of clubs", "four queen of clubs", "seven of clubs", "five five",
        "eight of spades four of clubs seven of hearts"], start=1)},
    "goforward": {"go forward ten meters": POCKETSPHINX_DATA + "/goforward.raw"},
    "tidigits": {"two nine three four zero": POCKETSPHINX_DATA + "/tidigits/dhd.2934z.raw"},
}
HUMAN_SPEAKERS = {"alsa": ["alsa"], "read": ["librivox", "cards"]}  # --human SOURCE: who answers, in turn
GAPS = [0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7, 2.2, 3.0, 4.0, 5.0]
SPEECH_RANGE_DB = 35.0
MIN_PAUSE = 0.25
CONDITIONS = (["clean"] + [f"{k}-{s}dB" for k in ["white", "pink", "brownhum"] for s in [30, 20, 10]]
              + [f"voices-{s}dB" for s in [30, 20, 10]] + [f"reverb-{t}s" for t in ["0.3", "0.6", "0.9"]]
              + ["bumps", "zeros", "zeros-ogg", "zeros-mp3", "phone", "rate-44k", "rate-48k", "quiet-dc"])
_synthesised = {}


def run(command, **options):
    return subprocess.run(command, check=True, capture_output=True, **options)


def synthesise(text, voice, speed):
    """One phrase from one synthesizer at about `speed` words per minute, as 16 kHz samples; for
    the human voice, its recording of the phrase (at its own pace)."""
    key = (text, voice, speed)
    if key not in _synthesised:
        engine, name = voice
        if engine == "human":
            clip = read_recording(RECORDED[name][text])
            # The read recordings rumble under 60 Hz (handling, drift): filtered out as a
            # microphone's low cut would, since the 35 dB rule would take it for speech.
            _synthesised[key] = clip if name == "alsa" else trimmed(through_sox(clip, "highpass", "80"))
            return _synthesised[key]
        stretch = f"{165 / speed:.3f}"  # flite and festival take a duration factor (1: their own pace)
        with tempfile.TemporaryDirectory() as folder:
            raw, script = os.path.join(folder, "raw.wav"), os.path.join(folder, "text.txt")
            if engine in ("espeak", "mbrola"):
                run(["espeak-ng", "-v", name, "-s", str(speed), "-w", raw, text])
            elif engine == "flite":
                run(["flite", "-voice", name, "--setf", f"duration_stretch={stretch}", "-t", text, "-o", raw])
            else:
                with open(script, "w") as file:
                    file.write(text)
                run(["text2wave", "-eval", f"(voice_{name})",
                     "-eval", f"(Parameter.set 'Duration_Stretch {stretch})", "-o", raw, script])
            _synthesised[key] = read_audio(raw)
    return _synthesised[key]


def syllables(text):
    """Vowel nuclei in espeak-ng's IPA transcription of the text: close to what any voice said."""
    ipa = run(["espeak-ng", "-q", "-v", "en-us", "--ipa", text], text=True).stdout
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


def read_audio(path, rate=RATE):
    """Any file sox reads, as mono float samples at `rate`."""
    result = run(["sox", path, "-r", str(rate), "-c", "1", "-t", "f32", "-"])
    return np.frombuffer(result.stdout, dtype=np.float32).astype(np.float64)


def read_recording(path):
    """A recording as 16 kHz samples; a .raw file is 16 kHz, 16-bit little-endian, mono."""
    if path.endswith(".raw"):
        return np.fromfile(path, dtype="<i2").astype(np.float64) / 32768
    return read_audio(path)


def trimmed(clip):
    """A recording cut to its speech, so that its own noise, breaths and lip sounds do not lie before
    or after the phrase (the 35 dB rule would count them as speech): the longest stretch of 10 ms
    frames both 15 dB over the recording's floor (its 5th percentile) and within 30 dB of its
    loudest, joined across gaps shorter than the pause threshold, 10 ms either side, faded in and
    out over those 10 ms."""
    frame = RATE // 100
    level = frame_levels(clip)
    stretches = joined(np.nonzero(level > max(np.percentile(level, 5) + 15, -30))[0])
    start, end = max(stretches, key=lambda stretch: stretch[1] - stretch[0])
    cut = clip[max(0, (start - 1) * frame):min(len(clip), (end + 1) * frame)].copy()
    fade = np.sin(np.linspace(0, np.pi / 2, frame)) ** 2
    cut[:frame] *= fade
    cut[-frame:] *= fade[::-1]
    return cut


def write_wav(path, samples, rate=RATE):
    pcm = np.clip(np.round(np.clip(samples, -1, 1) * 32767), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())


def through_sox(samples, *effects, extension="wav", encoding=()):
    """Writes the samples in a format (and through effects) sox knows, and reads them back at 16 kHz."""
    with tempfile.TemporaryDirectory() as folder:
        source, coded = os.path.join(folder, "in.wav"), os.path.join(folder, f"coded.{extension}")
        write_wav(source, samples)
        run(["sox", "-R", source, *encoding, coded, *effects])
        return read_audio(coded)


def aligned(original, processed):
    """`processed` shifted so that it lines up with `original` again (a codec's delay removed)."""
    n = len(original)
    processed = np.concatenate([processed, np.zeros(max(0, n - len(processed)))])[: n + RATE // 10]
    size = 1 << int(np.ceil(np.log2(2 * len(processed))))
    correlation = np.fft.irfft(np.fft.rfft(processed, size) * np.conj(np.fft.rfft(original, size)), size)
    window = RATE // 10
    lags = np.concatenate([correlation[:window], correlation[-window:]])
    lag = int(np.argmax(lags))
    lag = lag if lag < window else lag - 2 * window
    shifted = processed[lag:] if lag >= 0 else np.concatenate([np.zeros(-lag), processed])
    return np.concatenate([shifted, np.zeros(max(0, n - len(shifted)))])[:n]


def speech_spans(samples):
    """Where a clean clip is speech: 10 ms frames whose RMS is within 35 dB of the clip's loudest
    frame, joined across gaps shorter than the pause threshold (sample offsets)."""
    frame = RATE // 100
    spans = joined(np.nonzero(frame_levels(samples) > -SPEECH_RANGE_DB)[0])
    return [(s * frame, e * frame) for s, e in spans]


def frame_levels(samples):
    """The RMS of each 10 ms frame, in dB under the loudest frame."""
    frame = RATE // 100
    count = len(samples) // frame
    rms = np.sqrt(np.mean(samples[: count * frame].reshape(count, frame) ** 2, axis=1)) + 1e-12
    return 20 * np.log10(rms / rms.max())


def joined(frames):
    """Frame indices (ascending) as [start, end) stretches, joined across gaps shorter than the
    pause threshold."""
    stretches = []
    for index in frames:
        if stretches and (index - stretches[-1][1]) / 100 < MIN_PAUSE:
            stretches[-1][1] = index + 1
        else:
            stretches.append([index, index + 1])
    return stretches


def make_answer(rng, voice, phrases=PHRASES):
    phrase_count = int(rng.integers(3, 7))
    speed = int(rng.integers(120, 200))
    latency = float(rng.uniform(0.4, 4.0))
    pieces = [np.zeros(int(latency * RATE))]
    speech = []
    syllable_count = 0
    position = len(pieces[0])
    for index, text in enumerate(rng.choice(phrases, size=min(phrase_count, len(phrases)), replace=False)):
        clip = synthesise(str(text), voice, speed)
        clip = clip / (np.max(np.abs(clip)) + 1e-12)  # one level for the whole answer, whatever the voice
        speech += [[position + start, position + end] for start, end in speech_spans(clip)]
        syllable_count += syllables(str(text))
        pieces.append(clip)
        position += len(clip)
        if index < phrase_count - 1:
            gap = np.zeros(int(GAPS[rng.integers(len(GAPS))] * RATE))
            pieces.append(gap)
            position += len(gap)
    pieces.append(np.zeros(int(rng.uniform(0.5, 1.5) * RATE)))
    signal = np.concatenate(pieces)
    # Merge speech closer than the pause threshold, as the analysis does.
    runs = []
    for start, end in speech:
        if runs and (start - runs[-1][1]) / RATE < MIN_PAUSE:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    truth = {
        "voice": "/".join(voice),
        "speed": None if voice[0] == "human" else speed,
        "duration": len(signal) / RATE,
        "latency": runs[0][0] / RATE,
        "speech": [{"start": s / RATE, "end": e / RATE} for s, e in runs],
        "pauses": [{"start": a[1] / RATE, "end": b[0] / RATE} for a, b in zip(runs, runs[1:])],
        "syllables": syllable_count,
    }
    truth["speechRate"] = syllable_count / ((runs[-1][1] - runs[0][0]) / RATE)
    return signal, truth, runs


FILLERS = {"uh": ("V", None), "um": ("V", "m"), "er": ("@", None), "erm": ("@", "m")}
LENGTHENED = ["so", "well", "and"]


def filler(rng, voice, kind):
    """One filled pause of 0.2-1.2 s in the answering voice itself, flat or falling."""
    engine, name = voice
    length = float(rng.uniform(0.2, 1.2))
    vowel, coda = FILLERS[kind]
    if engine == "mbrola":
        mbrola_voice = name.removeprefix("mb-")
        if mbrola_voice == "en1":
            vowel = "3:" if vowel == "@" else "V"
        low, high = (170, 230) if mbrola_voice == "us1" else (95, 140)  # us1 is a woman's voice
        start = float(rng.uniform(low, high))
        end = start * (1.0 if rng.random() < 0.5 else float(rng.uniform(0.8, 0.92)))  # flat or falling
        nasal = min(0.3, length * 0.35) if coda else 0.0
        vowel_ms = int((length - nasal) * 1000)
        lines = ["_ 50", f"{vowel} {vowel_ms} 0 {start:.0f} 100 {end:.0f}"]
        if coda:
            lines.append(f"m {int(nasal * 1000)} 0 {end:.0f} 100 {end * 0.97:.0f}")
        lines.append("_ 50")
        with tempfile.TemporaryDirectory() as folder:
            pho, raw = os.path.join(folder, "f.pho"), os.path.join(folder, "f.wav")
            with open(pho, "w") as file:
                file.write("\n".join(lines) + "\n")
            run(["mbrola", f"/usr/share/mbrola/{mbrola_voice}/{mbrola_voice}", pho, raw])
            return read_audio(raw)
    if engine == "espeak":
        phonemes = {"uh": "V::", "um": "V::m", "er": "3::", "erm": "3::m"}[kind]
        clip = synthesise(f"[[{phonemes}]]", voice, 80)
    else:
        # The words themselves: both lexicons say "uh" /ʌ/, "um" /ʌm/, "er" /ɜ/, "erm" /ɜm/, where
        # the longer spellings are read out as letters ("uhh": U-H-H) or as other words ("err": /ɛr/).
        clip = synthesise(kind, voice, 80)
    return held(clip, length)


def held(clip, length):
    """`clip` without its leading and trailing silence, stretched in time (not in pitch) by sox's
    WSOLA `tempo` to last `length` seconds: a vowel held as long as a hesitant speaker holds it."""
    spans = speech_spans(clip)
    clip = clip[spans[0][0]:spans[-1][1]]
    with tempfile.TemporaryDirectory() as folder:
        source, stretched = os.path.join(folder, "in.wav"), os.path.join(folder, "out.wav")
        write_wav(source, clip / (np.max(np.abs(clip)) + 1e-12) * 0.9)
        run(["sox", "-R", source, stretched, "tempo", "-s", f"{len(clip) / RATE / length:.4f}"])
        return read_audio(stretched)


def make_filler_answer(rng, voice, with_fillers=True):
    """An answer with filled pauses between phrases and inside one, and one lengthened word; or,
    without fillers, a fluent answer with two lengthened words."""
    phrase_count = int(rng.integers(3, 6))
    speed = int(rng.integers(130, 190))
    position = int(float(rng.uniform(0.4, 2.5)) * RATE)
    pieces, speech, fillers, lengthened = [np.zeros(position)], [], [], []
    syllable_count = 0

    def add(clip, role, label=None):
        nonlocal position
        spans = speech_spans(clip) if role != "silence" else []
        if spans:
            span = [position + spans[0][0], position + spans[-1][1]]
            speech.extend([[position + start, position + end] for start, end in spans])
            if role == "filler":
                fillers.append({"start": span[0] / RATE, "end": span[1] / RATE, "kind": label})
            elif role == "lengthened":
                lengthened.append({"start": span[0] / RATE, "end": span[1] / RATE, "word": label})
        pieces.append(clip)
        position += len(clip)

    def silence(low, high):
        add(np.zeros(int(float(rng.uniform(low, high)) * RATE)), "silence")

    def normalised(clip, peak):
        return clip / (np.max(np.abs(clip)) + 1e-12) * peak

    texts = [str(t) for t in rng.choice(PHRASES, size=phrase_count, replace=False)]
    split = int(rng.integers(phrase_count)) if with_fillers else -1
    confusers = {int(rng.integers(phrase_count))} if with_fillers else set(
        int(i) for i in rng.choice(phrase_count, size=2, replace=False))
    for index, text in enumerate(texts):
        if index in confusers:
            word = LENGTHENED[int(rng.integers(len(LENGTHENED)))]
            add(normalised(synthesise(word, voice, 60), 0.9), "lengthened", word)
            syllable_count += 1
            silence(0.05, 0.15)
        words = text.split()
        halves = [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2:])] if index == split else [text]
        for half_index, half in enumerate(halves):
            add(normalised(synthesise(half, voice, speed), 1.0), "speech")
            syllable_count += syllables(half)
            if half_index == 0 and len(halves) == 2:
                silence(0.05, 0.2)
                kind = list(FILLERS)[int(rng.integers(len(FILLERS)))]
                add(normalised(filler(rng, voice, kind), float(rng.uniform(0.4, 0.8))), "filler", kind)
                silence(0.05, 0.2)
        if index < phrase_count - 1:
            if with_fillers and rng.random() < 0.6:
                silence(0.1, 0.4)
                kind = list(FILLERS)[int(rng.integers(len(FILLERS)))]
                add(normalised(filler(rng, voice, kind), float(rng.uniform(0.4, 0.8))), "filler", kind)
                silence(0.1, 0.4)
            else:
                silence(0.3, 1.5)
    silence(0.5, 1.5)
    signal = np.concatenate(pieces)
    runs = []
    for start, end in sorted(speech):
        if runs and (start - runs[-1][1]) / RATE < MIN_PAUSE:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    truth = {
        "voice": "/".join(voice), "speed": speed, "duration": len(signal) / RATE,
        "latency": runs[0][0] / RATE,
        "speech": [{"start": s / RATE, "end": e / RATE} for s, e in runs],
        "pauses": [{"start": a[1] / RATE, "end": b[0] / RATE} for a, b in zip(runs, runs[1:])],
        "syllables": syllable_count,
        "filledPauses": fillers,
        "lengthenedWords": lengthened,
    }
    truth["speechRate"] = syllable_count / ((runs[-1][1] - runs[0][0]) / RATE)
    return signal, truth, runs


def speech_power(signal, runs):
    return float(np.mean(np.concatenate([signal[s:e] for s, e in runs]) ** 2))


def at_level(noise, power, below_db):
    """`noise` scaled so that its power is `below_db` under `power`."""
    return noise / (np.sqrt(np.mean(noise ** 2)) + 1e-20) * np.sqrt(power / 10 ** (below_db / 10))


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


def background_voices(rng, n, talkers, speaker):
    """`talkers` people talking at once, each from a synthesizer other than the speaker's."""
    others = [v for v in VOICES if v[0] != speaker[0]]  # every synthesizer, for the human voice
    mix = np.zeros(n)
    for talker in range(talkers):
        voice = others[int(rng.integers(len(others)))]
        stream = np.concatenate([synthesise(str(t), voice, 170) for t in rng.permutation(BABBLE)])
        while len(stream) < n:
            stream = np.concatenate([stream, stream])
        offset = int(rng.integers(0, len(stream) - n + 1))
        part = stream[offset:offset + n]
        mix += part / (np.sqrt(np.mean(part ** 2)) + 1e-20)
    return mix


def reverb(rng, signal, rt60):
    length = int(rt60 * RATE)
    t = np.arange(length) / RATE
    impulse = rng.standard_normal(length) * np.exp(-6.9 * t / rt60)
    impulse[0] = 1.0
    impulse /= np.sqrt(np.sum(impulse ** 2))
    size = 1 << int(np.ceil(np.log2(len(signal) + length)))
    wet = np.fft.irfft(np.fft.rfft(signal, size) * np.fft.rfft(impulse, size), size)[: len(signal)]
    return wet * np.sqrt(np.mean(signal ** 2) / np.mean(wet ** 2))


def quiet_gaps(runs, n, latency_end):
    """Stretches of at least 0.8 s with no speech (the lead-in and long pauses), as sample ranges
    shrunk by 0.15 s at both ends, so that an event put there cannot touch speech."""
    margin = int(0.15 * RATE)
    edges = [(0, runs[0][0])] + [(a[1], b[0]) for a, b in zip(runs, runs[1:])]
    return [(s + margin, e - margin) for s, e in edges if e - s >= int(0.8 * RATE)]


def click(rng):
    """A click: 6 ms of noise dying away in 1.5 ms."""
    length = int(0.006 * RATE)
    return rng.standard_normal(length) * np.exp(-np.arange(length) / (0.0015 * RATE))


def short_pause_clicks(rng, signal, runs, power):
    """A click 30 to 40 dB below the speaker somewhere in each pause shorter than 0.8 s, at least
    20 ms from the speech: a lip or tongue click where it could join two phrases into one."""
    out = np.zeros(len(signal))
    margin = int(0.02 * RATE)
    for (_, end), (start, _) in zip(runs, runs[1:]):
        if start - end >= int(0.8 * RATE):
            continue
        event = click(rng)
        at = int(rng.integers(end + margin, start - margin - len(event)))
        out[at:at + len(event)] += at_level(event, power, rng.uniform(30, 40))
    return out


def bump_events(rng, signal, runs, power):
    """Clicks, thumps (a knock on the desk) and breaths in the lead-in and in long pauses, each 30
    to 40 dB below the speaker."""
    out = np.zeros(len(signal))
    for start, end in quiet_gaps(runs, len(signal), runs[0][0]):
        for _ in range(int(rng.integers(1, 3))):
            kind = ["click", "thump", "breath"][int(rng.integers(3))]
            if kind == "click":
                event = click(rng)
                length = len(event)
            elif kind == "thump":
                length = int(rng.uniform(0.08, 0.15) * RATE)
                t = np.arange(length) / RATE
                event = np.sin(2 * np.pi * rng.uniform(60, 150) * t) * np.exp(-t / 0.03)
                event += 0.2 * rng.standard_normal(length) * np.exp(-t / 0.01)
            else:
                length = int(rng.uniform(0.25, 0.45) * RATE)
                noise = np.fft.rfft(rng.standard_normal(length))
                freqs = np.fft.rfftfreq(length, 1 / RATE)
                noise[(freqs < 400) | (freqs > 4000)] = 0
                event = np.fft.irfft(noise, length) * np.sin(np.pi * np.arange(length) / length) ** 2
            if end - start <= length:
                continue
            at = int(rng.integers(start, end - length))
            out[at:at + length] += at_level(event, power, rng.uniform(30, 40))
    return out


def conditions(rng, signal, runs, voice, number, wanted, seed):
    power = speech_power(signal, runs)
    room = at_level(coloured_noise(rng, len(signal), "pink"), power, 45)
    for name in wanted:
        kind, _, level = name.partition("-")
        if name == "clean":
            yield name, signal, RATE
        elif kind in ("white", "pink", "brownhum"):
            yield name, signal + at_level(coloured_noise(rng, len(signal), kind), power, int(level[:-2])), RATE
        elif kind == "voices":
            talkers = 1 + number % 6
            yield name, signal + room + at_level(background_voices(rng, len(signal), talkers, voice), power, int(level[:-2])), RATE
        elif kind == "reverb":
            yield name, reverb(rng, signal, float(level[:-1])) + room, RATE
        elif name == "bumps":
            # The short pauses' clicks have a generator of their own, so that adding them left
            # every other file as it was.
            clicks = short_pause_clicks(np.random.default_rng([seed, number, 1]), signal, runs, power)
            yield name, signal + room + bump_events(rng, signal, runs, power) + clicks, RATE
        elif kind == "zeros":
            zeros = int(min(rng.uniform(0.1, 1.0), runs[0][0] / RATE - 0.2) * RATE)
            hiss = at_level(coloured_noise(rng, len(signal), "white"), power, 40) + room
            audio = signal + hiss
            audio[:zeros] = 0
            if level == "ogg":
                audio = aligned(audio, through_sox(audio, extension="ogg"))
            elif level == "mp3":
                audio = aligned(audio, through_sox(audio, extension="mp3", encoding=["-C", "64"]))
            yield name, audio, RATE
        elif name == "phone":
            line = at_level(coloured_noise(rng, len(signal), "white"), power, 35)
            coded = through_sox(signal + line, "sinc", "300-3400", "rate", "8000", extension="wav",
                                encoding=["-e", "mu-law", "-r", "8000"])
            yield name, aligned(signal, coded), RATE
        elif kind == "rate":
            noisy = signal + at_level(coloured_noise(rng, len(signal), "pink"), power, 30)
            rate = 44_100 if level == "44k" else 48_000
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, "in.wav")
                write_wav(path, noisy)
                yield name, read_audio(path, rate), rate
        elif name == "quiet-dc":
            quiet = signal * 10 ** (-20 / 20) + 0.02
            yield name, quiet + at_level(rng.standard_normal(len(signal)), power * 0.01, 35), RATE


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--answers", type=int, default=22)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--conditions", default=",".join(CONDITIONS), help="comma-separated subset")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--fillers", action="store_true", help="answers with filled pauses (see above)")
    kind.add_argument("--human", nargs="?", const="alsa", choices=sorted(HUMAN_SPEAKERS),
                      help="answers said by real people (see above)")
    args = parser.parse_args()
    speakers = HUMAN_SPEAKERS.get(args.human, [])
    for path in {path for speaker in speakers for path in RECORDED[speaker].values()}:
        if not os.path.exists(path):
            package = "alsa-utils" if path.startswith(ALSA_SOUNDS) else "pocketsphinx-testdata"
            parser.error(f"--human {args.human} needs {path} (Debian package {package})")
    wanted = ["clean", "pink-20dB"] if args.fillers else args.conditions.split(",")
    unknown = [c for c in wanted if c not in CONDITIONS]
    if unknown:
        parser.error(f"unknown condition(s) {', '.join(unknown)}; known: {', '.join(CONDITIONS)}")
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.output, exist_ok=True)
    truth = {}
    for number in range(args.answers):
        voice = ("human", speakers[number % len(speakers)]) if args.human else VOICES[number % len(VOICES)]
        if args.fillers:
            signal, answer_truth, runs = make_filler_answer(rng, voice)
            fluent, fluent_truth, fluent_runs = make_filler_answer(rng, voice, with_fillers=False)
            fluent = fluent * (0.5 / np.max(np.abs(fluent)))
            # Its own generator, so that adding this condition left every other file as it was.
            noise = coloured_noise(np.random.default_rng([args.seed, number]), len(fluent), "pink")
            noisy = fluent + at_level(noise, speech_power(fluent, fluent_runs), 20)
            for condition, audio in (("fluent-lengthened", fluent), ("fluent-lengthened-pink-20dB", noisy)):
                name = f"{condition}/answer{number:02d}.wav"
                os.makedirs(os.path.join(args.output, condition), exist_ok=True)
                write_wav(os.path.join(args.output, name), audio, RATE)
                truth[name] = fluent_truth
        else:
            signal, answer_truth, runs = make_answer(rng, voice, list(RECORDED[voice[1]]) if args.human else PHRASES)
        signal = signal * (0.5 / np.max(np.abs(signal)))
        for condition, audio, rate in conditions(rng, signal, runs, voice, number, wanted, args.seed):
            condition = "fillers-" + condition if args.fillers else condition
            name = f"{condition}/answer{number:02d}.wav"
            os.makedirs(os.path.join(args.output, condition), exist_ok=True)
            write_wav(os.path.join(args.output, name), audio, rate)
            truth[name] = answer_truth
        pace = f"at {answer_truth['speed']} wpm" if answer_truth["speed"] else "at its own pace"
        print(f"answer {number + 1}/{args.answers}: {answer_truth['voice']} {pace}, "
              f"{len(answer_truth['pauses'])} pauses, {len(answer_truth.get('filledPauses', []))} filled pauses",
              flush=True)
    with open(os.path.join(args.output, "truth.json"), "w") as out:
        json.dump(truth, out, indent=1)


if __name__ == "__main__":
    main()
