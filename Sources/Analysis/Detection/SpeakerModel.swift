/// What the detector knows about the person answering, as opposed to the room around them.
///
/// With the microphone close to the person answering, they are the loudest consistent source. The
/// model learns their loud end from syllable-like peaks (a rise and a fall of at least
/// `peakProminence` dB in frames that clearly hold speech): speech comes in syllables, while hiss is
/// steady and a bump is a single event, so neither can pass for the speaker before the first word.
/// A frame is the speaker's only when it lies within `range` dB of that loud end, which keeps a
/// television 30 dB down and the tail of a reverberant room out of the speech. Stretches of "speech"
/// whose loudest frame stays `segmentRange` dB under the speaker are not theirs either: a chair
/// creak, a breath, hiss after a stream starts. That −25 dB follows Praat's silence detection
/// (Boersma & Weenink, "To TextGrid (silences)": silence threshold relative to the maximum
/// intensity, −25 dB by default). When many syllables lie far below the speaker's, or many quiet
/// ones stand apart from the speaker's (in their pauses), another voice is talking more quietly (a
/// television, someone on the phone in the room); then a frame must also rise above that voice's
/// typical syllable (a fricative need only come near it), and (recognised by the first test) a
/// stretch must peak well above it. Only peaks as wide as a vowel count as syllables there
/// (`shortestSyllable`).
struct SpeakerModel {
    /// Frames quieter than the speaker's loud end by more than this many dB are never theirs...
    var range: Float = 35
    /// ... or this many in narrowband audio (`isNarrowband`): a phone line takes most of a fricative's
    /// power (/s/ and /ʃ/ put most of theirs between 4 and 8 kHz) and little of a vowel's, so the
    /// fricatives fall further under the loud end. In a flite voice's answers, stretches of /s/ that
    /// lay 12–21 dB under it in full-band audio lay 36–39 dB under it through the line, and the range
    /// of 35 dB made them false pauses inside phrases.
    var narrowbandRange: Float = 40
    /// A stretch whose loudest frame is further than this below the speaker's loud end is not theirs.
    var segmentRange: Float = 25
    /// Peaks in frames scoring above this teach the speaker's level.
    var learningScore: Float = 4
    /// How far the intensity must rise before and fall after a peak for it to be a syllable, in dB.
    var peakProminence: Float = 6
    /// Syllable-like peaks needed before the speaker counts as heard.
    var peaksToKnow = 3
    private var speakerPeaks = IntensityHistogram()
    /// The peaks as wide as a vowel (`shortestSyllable`), and how many: the evidence of another voice.
    private var syllablePeaks = IntensityHistogram()
    private var syllables = 0
    /// Frames that were not digital silence, and how many of them held `topBandHeard` of their power
    /// at 4 kHz and above (`isNarrowband`).
    private var soundFrames = 0
    private var fullBandFrames = 0
    private var peaks = 0
    /// The peaks (frame, dB, whether a syllable) of the last `2 × apart` frames, oldest first; the
    /// first `judged` of them have been judged for standing apart (`standingApart`).
    private var recentPeaks: [(frame: Int, intensity: Float, isSyllable: Bool)] = []
    private var judged = 0
    /// Quiet syllables standing apart from the speaker's (see `apartShare`).
    private var standingApart = 0
    private var frame = 0
    private var framesSinceRefresh = 0
    private var risingFrom: Float = .infinity
    /// The peak being followed, and the frame where its rise passed `peakProminence`.
    private var candidate: (intensity: Float, strong: Bool, frame: Int, rose: Int)?
    /// The speaker's loud end (95th percentile of their syllable peaks) in dB, once known.
    private(set) var level: Float?
    /// Syllables this far below the speaker's loud end, in dB, are quiet ones…
    static let quietSyllables: Float = 15
    /// …and when more than this share of all syllables are, another voice is talking more quietly.
    /// Counting only peaks as wide as a vowel (`shortestSyllable`), the speaker's own soft
    /// syllables made up at most 33 % in 2,298 synthesized answers without other voices (every
    /// accuracy corpus, every other condition) and 36 % in 378 of a real voice's (BENCHMARKS.md);
    /// other voices 30 dB down made 22–65 % (67 of 82 answers over 37 %), 20 dB down 28–68 % (112
    /// of 130). Just above the speakers' highest: missing another voice flatters (its stretches fill
    /// the pauses), but finding one that is not there cuts the speaker's soft syllables and word
    /// ends into false pauses.
    static let anotherVoiceShare = 0.37
    /// A peak narrower than this, in frames (50 ms, the shortest speech), from where it rose
    /// `peakProminence` over its valley to where it fell as far, is not a syllable: a vowel lasts
    /// longer. A stop's release after its closure, a click, a lip noise are that brief, and a real
    /// voice's phrase-final releases, 20–25 dB under its loud end and apart from its vowels, passed
    /// for another voice's syllables in a clean room (BENCHMARKS.md, the human voice).
    static let shortestSyllable = 5
    /// Another voice also shows when more than this share of all syllables are quiet ones standing
    /// apart (`voiceInPauses`): 15 to `quietestSyllable` dB under the loud end and `apart` or
    /// further from any syllable within 15 dB of it. The speaker's own soft syllables lie among
    /// their loud ones; another voice's fill the speaker's pauses. Over the accuracy corpora (1,189
    /// answers without other voices, 147 with), at most 5.8 % of a speaker's syllables stood
    /// apart, and 15 % or more of the syllables of every answer with one to six other voices 20 dB
    /// down, some of which the share of quiet syllables (35–40 %) left unrecognised. (Counted over
    /// syllables as wide as a vowel, at most 6 % in 1,218 synthesized answers.)
    static let apartShare = 0.1
    /// …and there are at least this many of them. A speaker alone had up to 4 standing apart in an
    /// answer (a real voice's quiet last syllables, ringing in a room of 0.3 s or in brown noise and
    /// hum), and in the alsa-utils voice's short answers 1 to 3 were more than a tenth of its
    /// syllables: 14 of the 19 answers without other voices that were taken for answers with them
    /// (version 21), over the accuracy corpora, where the other voice's quiet phrases were then
    /// left out of the speech (a read answer lost 2.3 s of its speaker's words to a false pause).
    /// Every answer with other voices flagged before was flagged still (version 22).
    static let fewestApart = 5
    /// Syllables further under the loud end than this, in dB, are not counted as standing apart:
    /// the speaker's range (`range`), outside which no frame is taken for theirs anyway. Within it,
    /// another voice's syllables fill the pauses if they are not recognised: other voices 30 dB down
    /// peak 31–37 dB under a speaker's loud end, and with 30 dB here 52 of 286 such answers went
    /// unrecognised, holding half the pauses missed (version 32, BENCHMARKS.md).
    static let quietestSyllable: Float = 35
    /// How far, in frames (0.3 s), a quiet syllable stands from the speaker's to stand apart.
    static let apart = 30
    /// A frame must rise this far above the other voice's typical syllable to be the speaker's, in dB…
    static let anotherVoiceMargin: Float = 3
    /// …unless it holds this share of its power at 4 kHz and above (a fricative: /s/, /ʃ/, /f/)…
    static let fricativeShare: Float = 0.3
    /// …and lies no further than this under that syllable, in dB. Another voice in the room is
    /// mostly voiced, its power under 4 kHz, and its own fricatives lie well under its syllables; the
    /// speaker's soft fricatives at word ends and onsets lie around them, and the gate cut them into
    /// false pauses inside phrases (real read speech, other voices 20 dB down: pause F1 0.846 and
    /// 0.767 → 0.898 and 0.821, BENCHMARKS.md, version 18). Within 8 dB under, more of the other
    /// voice's fricatives passed and split pauses of the alsa voice (0.917 → 0.909).
    static let fricativeReach: Float = 4
    /// With another, quieter voice in the room: that voice's typical syllable peak (the median of the
    /// quiet syllables), in dB.
    private(set) var anotherVoice: Float?
    /// With quiet syllables standing apart from the speaker's (`apartShare`): the same typical
    /// syllable peak of the voice heard in the speaker's pauses, in dB.
    private(set) var voiceInPauses: Float?

    /// Whether the recording holds (next to) nothing at 4 kHz and above: a phone line's band (300–3400
    /// Hz) or audio at 8 kHz. In every full-band answer of the accuracy corpora (about 1,400, every
    /// condition) 22 % or more of the frames carry `topBandHeard` of their power there (fricatives,
    /// most noises); through the phone line none does. Known once `narrowbandEvidence` frames have
    /// been heard.
    var isNarrowband: Bool {
        soundFrames >= Self.narrowbandEvidence && Float(fullBandFrames) < Self.fullBandShare * Float(soundFrames)
    }
    /// A frame with this share of its power at 4 kHz and above (−20 dB) is heard there.
    static let topBandHeard: Float = 0.01
    /// Audio with fewer than this share of its frames heard at 4 kHz and above is narrowband.
    static let fullBandShare: Float = 0.02
    /// Frames (1 s) before a recording can be judged narrowband.
    static let narrowbandEvidence = 100

    /// Learns from one frame.
    mutating func learn(_ features: FrameFeatures) {
        if !features.isDigitalSilence {
            soundFrames += 1
            if features.topBandShare >= Self.topBandHeard { fullBandFrames += 1 }
        }
        trackPeaks(features.intensity, strong: features.speechScore > learningScore)
        judgeStandingApart()
        frame += 1
        framesSinceRefresh += 1
        // A percentile costs a pass over 400 bins: refresh every 25 frames, not every frame.
        if peaks >= peaksToKnow && (level == nil || framesSinceRefresh >= 25) {
            let level = speakerPeaks.percentile(0.95)
            self.level = level
            let quiet = syllablePeaks.count(below: level - Self.quietSyllables)
            let manyQuiet = Double(quiet) > Self.anotherVoiceShare * Double(syllables)
            let manyApart =
                standingApart >= Self.fewestApart && Double(standingApart) > Self.apartShare * Double(syllables)
            // The other voice's typical level is taken over all its quiet peaks, its consonants'
            // too: over its syllables alone it read higher, and the gate cut the speaker's soft
            // syllables (other voices 20 dB down, seed 17: F1 0.969 → 0.949).
            let quietVoice =
                manyQuiet || manyApart ? speakerPeaks.percentile(0.5, below: level - Self.quietSyllables) : nil
            anotherVoice = manyQuiet ? quietVoice : nil
            voiceInPauses = manyApart ? quietVoice : nil
            framesSinceRefresh = 0
        }
    }

    /// Judges the syllables `apart` frames old: whether each is a quiet one standing apart from the
    /// speaker's, with the syllables `apart` frames either side of it known.
    private mutating func judgeStandingApart() {
        while judged < recentPeaks.count, frame - recentPeaks[judged].frame >= Self.apart {
            let peak = recentPeaks[judged]
            judged += 1
            guard let level, peak.isSyllable, peak.intensity < level - Self.quietSyllables,
                peak.intensity >= level - Self.quietestSyllable
            else { continue }
            let nearSpeaker = recentPeaks.contains {
                abs($0.frame - peak.frame) < Self.apart && $0.intensity >= level - Self.quietSyllables
            }
            if !nearSpeaker { standingApart += 1 }
        }
        while judged > 0, frame - recentPeaks[0].frame >= 2 * Self.apart {
            recentPeaks.removeFirst()
            judged -= 1
        }
    }

    /// Finds peaks that rise `peakProminence` dB above the valley before them and fall as far after.
    private mutating func trackPeaks(_ intensity: Float, strong: Bool) {
        if let peak = candidate {
            if intensity > peak.intensity {
                candidate = (intensity, strong, frame, peak.rose)
            } else if intensity < peak.intensity - peakProminence {
                if peak.strong {
                    let isSyllable = frame - peak.rose >= Self.shortestSyllable
                    speakerPeaks.add(peak.intensity)
                    peaks += 1
                    if isSyllable {
                        syllablePeaks.add(peak.intensity)
                        syllables += 1
                    }
                    recentPeaks.append((peak.frame, peak.intensity, isSyllable))
                }
                candidate = nil
                risingFrom = intensity
            }
        } else if intensity < risingFrom {
            risingFrom = intensity
        } else if intensity > risingFrom + peakProminence {
            candidate = (intensity, strong, frame, frame)
        }
    }

    /// The frame's speech score, or 0 when the frame is too quiet to be the speaker. In a
    /// `reverberant` room the tail of each word rings on: the stricter `segmentRange` applies, so
    /// that the tail is cut where it has fallen as far as Praat's silence threshold. With
    /// `gatingVoiceInPauses`, a frame must also rise above the typical syllable of a voice heard in
    /// the speaker's pauses (`voiceInPauses`); without `gatingAnotherVoice`, it need not rise above
    /// the quieter voice's (`anotherVoice`): only the speaker's range applies.
    func score(
        _ features: FrameFeatures, reverberant: Bool = false, gatingVoiceInPauses: Bool = false,
        gatingAnotherVoice: Bool = true
    ) -> Float {
        let reach = reverberant ? segmentRange : isNarrowband ? narrowbandRange : range
        if let level, features.intensity < level - reach { return 0 }
        if gatingAnotherVoice, let anotherVoice, !Self.passes(features, gateOf: anotherVoice) { return 0 }
        if gatingVoiceInPauses, let voiceInPauses, !Self.passes(features, gateOf: voiceInPauses) { return 0 }
        return features.speechScore
    }

    /// Whether a frame passes the gate of a quieter voice whose typical syllable peaks at `voice` dB:
    /// it rises `anotherVoiceMargin` above it, or it is a fricative (`fricativeShare`) no further
    /// than `fricativeReach` under it.
    private static func passes(_ features: FrameFeatures, gateOf voice: Float) -> Bool {
        features.intensity >= voice + anotherVoiceMargin
            || features.topBandShare >= fricativeShare && features.intensity >= voice - fricativeReach
    }

    /// Whether a stretch whose loudest frame had `peak` dB can be the speaker's. With another,
    /// quieter voice in the room, its loudest frame must also stand out of that voice's typical
    /// syllable as far as a syllable stands out of its valley (`peakProminence`): the other voice's
    /// louder syllables pass the frame gate now and then, but a stretch of its own seldom peaks that
    /// high, while the speaker's stretches peak near their loud end.
    func isSpeaker(peak: Float) -> Bool {
        guard let level else { return true }
        if let anotherVoice, peak < anotherVoice + peakProminence { return false }
        return peak >= level - segmentRange
    }
}
