/// Everything measured in one recorded answer.
public struct AnswerAnalysis: Sendable, Equatable {
    /// Seconds of audio analysed.
    public var duration: Double
    /// Hz.
    public var sampleRate: Int
    /// Start of the recording to the first speech; nil when there is no speech.
    public var latency: Double? { runs.first?.start }
    /// Speech runs: speech merged across gaps shorter than the pause threshold.
    public var runs: [TimeSpan]
    /// Silent pauses: gaps of at least the threshold between runs (not the latency, not the end).
    public var pauses: [TimeSpan]
    /// Filled pauses ("uh", "um"): inside the runs (they are sound), but not fluent speech.
    public var filledPauses: [FilledPause]
    /// Freeze moments: long silent pauses, or clusters of pauses and filled pauses (`Freeze`).
    public var freezes: [TimeSpan]
    /// Times of the syllable nuclei found, in seconds.
    public var syllableNuclei: [Double]
    public var metrics: FluencyMetrics
    public var settings: AnalysisSettings
    /// Samples at or beyond full scale: clipping distorts the measures when it is frequent.
    public var clippedSamples: Int
    /// Largest absolute sample value, 0…1.
    public var peakLevel: Float
    /// How far the measures can be trusted.
    public var reliability: Reliability
    /// The detector that made this result. Results of different versions are not compared silently.
    public var detectorVersion: Int { Self.detectorVersion }
    /// Raised whenever a change to the detector changes its results: 1 was the first release's
    /// (0.2-4 kHz, one noise floor), 2 models the speaker (lead-in held, quiet stretches dropped,
    /// 0.2-8 kHz), 3 finds filled pauses (their syllables no longer count as fluent speech) and freezes,
    /// 4 counts a held vowel as a filled pause only when its formants are central for the speaker,
    /// 5 keeps a word's tail under other voices' level when the syllable it ends was the speaker's,
    /// ends a word where its reverberant tail begins, and follows speech further into the noise of
    /// a noisy room, 6 leaves out stretches that do not stand out of a quieter other voice's
    /// syllables, keeps the start of a word under other voices as it kept its tail, and finds a
    /// quick "um" that is a short phrase on its own, 7 holds a vowel's bands that do not rise above
    /// the noise at the noise's level, so noise no longer breaks up a held vowel, and leaves out
    /// other voices' quiet phrases in the speaker's pauses and after their last words, 8 leaves out
    /// a phrase shorter than a word (0.1 s), 9 recognises another voice by its quiet syllables
    /// standing apart from the speaker's, in their pauses, 10 recognises a reverberant room whose
    /// tails flicker, keeps the soft start of the first word there, and judges no room by its falls
    /// where the noise lies less than 20 dB under the speech, 11 ends speech before a pause where its
    /// ringing tail began in a reverberant room, 12 counts quieter frames as the speaker's in
    /// narrowband audio (a phone line), where fricatives lose most of their power, 13 keeps a burst
    /// too short to be speech where it bridges a silence (a stop's release inside a phrase), 14
    /// also counts as bursts the weak frames a noisy room leaves of such a release, 15 judges
    /// another voice only by peaks as wide as a vowel (a real voice's releases and clicks had passed
    /// for another voice's syllables), 16 measures a room's decay by the straight line of each fall
    /// rather than its top and end, 17 lets the room hear other voices the speaker model gates and
    /// applies the room's gate only where that model has not recognised a quieter voice, 18 lets the
    /// speaker's fricatives through the other voice's gate when they come near its syllables, 19
    /// takes a room whose median fall is 1.3 dB per frame or slower (not 1.0) for a reverberant one,
    /// where the signal-to-noise ratio is 25 dB or more (not 20), and there keeps a stretch's loudest
    /// frame, cuts as a ringing tail only a frame falling from a louder one, and spares the first
    /// word's rise, 20 joins, in a room less than 22.5 dB under the speaker, a silence under 0.31 s
    /// after a stretch that stopped abruptly (a word's quiet end hidden in the noise), 21 ends speech
    /// before a pause where its ringing tail began in a room that rings lightly (about 0.3 s), 22
    /// hears a voice in the speaker's pauses only from five quiet syllables standing apart, 23 takes
    /// the first stretches for another voice's only when two stretches or more reach the loud end,
    /// 24 judges the room by falls of 15 dB where it finds none of 20 dB, 25 splits the first loud
    /// stretch where it last fell under the speaker's range before its loud speech, so that another
    /// voice running into the first words is not taken for them, 26 joins, where other voices were
    /// heard, a silence under 0.31 s after a stretch still within 10 dB of the loud end as it stopped,
    /// 27 also after one still 3 dB over the other voices' gate where that gate hides 10 dB or more
    /// of the speaker's range, 28 also judges the room by its falls on the level averaged over 30 ms
    /// where the frame-by-frame falls read as a dry room's, 29 takes quiet first words for another
    /// voice's in a room that rings only where other voices were heard as well, 30 makes a filled
    /// pause whose held vowel is the most of its stretch of speech as long as that stretch (its
    /// nasal, fading end and onset included), 31 asks for other voices heard as well before taking
    /// quiet first words for another voice's wherever the room falls 2 dB per frame or slower, 32
    /// counts quiet syllables standing apart in the pauses down to the edge of the speaker's range.
    public static let detectorVersion = 32

    public init(
        duration: Double, sampleRate: Int, runs: [TimeSpan], pauses: [TimeSpan], filledPauses: [FilledPause] = [],
        freezes: [TimeSpan] = [], syllableNuclei: [Double],
        metrics: FluencyMetrics, settings: AnalysisSettings, clippedSamples: Int, peakLevel: Float,
        reliability: Reliability = Reliability(signalToNoise: nil, backgroundSpeech: false)
    ) {
        self.duration = duration
        self.sampleRate = sampleRate
        self.runs = runs
        self.pauses = pauses
        self.filledPauses = filledPauses
        self.freezes = freezes
        self.syllableNuclei = syllableNuclei
        self.metrics = metrics
        self.settings = settings
        self.clippedSamples = clippedSamples
        self.peakLevel = peakLevel
        self.reliability = reliability
    }

    /// Share of samples that are clipped, 0…1.
    public var clippedFraction: Double {
        let samples = duration * Double(sampleRate)
        return samples > 0 ? Double(clippedSamples) / samples : 0
    }
}
