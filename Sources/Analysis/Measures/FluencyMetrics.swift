/// The fluency and hesitation measures of one answer; definitions in `docs/METRICS.md`.
/// Times in seconds, rates per second or per minute as named. Nil where a measure is undefined
/// (no speech, no pauses).
public struct FluencyMetrics: Sendable, Equatable, Codable {
    /// Length of the recording.
    public var totalDuration: Double
    /// Total length of the speech runs (phonation time).
    public var speakingTime: Double
    /// Speaking time / (duration − latency − trailing silence), 0…1.
    public var phonationTimeRatio: Double?
    /// Start of the recording to the first speech.
    public var responseLatency: Double?
    /// Silence after the last speech.
    public var trailingSilence: Double
    public var pauseCount: Int
    /// Pauses per minute of speaking time.
    public var pausesPerMinute: Double?
    public var meanPause: Double?
    public var medianPause: Double?
    public var longestPause: Double?
    public var totalPauseTime: Double
    /// Pauses of at least 1 s, and of at least 2 s: what a listener hears as freezing.
    public var pausesOver1s: Int
    public var pausesOver2s: Int
    /// Mean length of the speech runs between pauses, in seconds and in syllables.
    public var meanLengthOfRun: Double?
    public var meanLengthOfRunSyllables: Double?
    /// Syllables of fluent speech (filled pauses are not counted).
    public var syllableCount: Int
    /// Syllables / (duration − latency − trailing silence).
    public var speechRate: Double?
    /// Syllables / (speaking time − time in filled pauses).
    public var articulationRate: Double?
    /// Filled pauses ("uh", "um"); nil when they were not looked for (older detectors, `--no-fillers`).
    public var filledPauseCount: Int?
    /// Filled pauses per minute of speaking time.
    public var filledPausesPerMinute: Double?
    public var meanFilledPause: Double?
    public var filledPauseTime: Double?
    /// Time in silent and filled pauses together.
    public var hesitationTime: Double?
    /// Freeze moments (`Freeze`); nil for answers measured before they were counted.
    public var freezeCount: Int?
    /// The longest freeze, from its first hesitation to the end of its last, in seconds.
    public var longestFreeze: Double?
    /// The pause threshold these were measured with.
    public var minimumPause: Double
    /// The filled-pause steadiness threshold these were measured with; nil when none were looked for.
    public var filledPauseStability: Double?
    /// The hesitation that made a freeze when these were measured, in seconds.
    public var freezeThreshold: Double?

    /// Computes every measure from the speech runs (already merged across gaps shorter than the
    /// pause threshold), the silent pauses between them, the filled pauses inside them (nil when they
    /// were not looked for), the syllable nuclei of fluent speech and the freezes (nil when they
    /// were not counted).
    public init(
        duration: Double, runs: [TimeSpan], pauses: [TimeSpan], filledPauses: [TimeSpan]? = nil, syllables: [Double],
        freezes: [TimeSpan]? = nil, minimumPause: Double, filledPauseStability: Double? = nil,
        freezeThreshold: Double? = nil
    ) {
        totalDuration = duration
        self.minimumPause = minimumPause
        self.filledPauseStability = filledPauseStability
        self.freezeThreshold = freezes == nil ? nil : freezeThreshold
        freezeCount = freezes?.count
        longestFreeze = freezes?.map(\.duration).max()
        speakingTime = runs.reduce(0) { $0 + $1.duration }
        responseLatency = runs.first?.start
        trailingSilence = runs.last.map { max(0, duration - $0.end) } ?? duration
        syllableCount = syllables.count
        pauseCount = pauses.count
        let lengths = pauses.map(\.duration).sorted()
        totalPauseTime = lengths.reduce(0, +)
        longestPause = lengths.last
        meanPause = lengths.isEmpty ? nil : totalPauseTime / Double(lengths.count)
        medianPause =
            lengths.isEmpty
            ? nil
            : lengths.count % 2 == 1
                ? lengths[lengths.count / 2]
                : (lengths[lengths.count / 2 - 1] + lengths[lengths.count / 2]) / 2
        pausesOver1s = lengths.filter { $0 >= 1 }.count
        pausesOver2s = lengths.filter { $0 >= 2 }.count
        let speakingSpan = runs.isEmpty ? 0 : runs.last!.end - runs.first!.start
        phonationTimeRatio = speakingSpan > 0 ? speakingTime / speakingSpan : nil
        speechRate = speakingSpan > 0 ? Double(syllables.count) / speakingSpan : nil
        let filledTime = filledPauses?.reduce(0) { $0 + $1.duration }
        let fluentTime = speakingTime - (filledTime ?? 0)
        articulationRate = fluentTime > 0 ? Double(syllables.count) / fluentTime : nil
        pausesPerMinute = speakingTime > 0 ? Double(pauses.count) / (speakingTime / 60) : nil
        if let filledPauses, let filledTime {
            filledPauseCount = filledPauses.count
            filledPauseTime = filledTime
            meanFilledPause = filledPauses.isEmpty ? nil : filledTime / Double(filledPauses.count)
            filledPausesPerMinute = speakingTime > 0 ? Double(filledPauses.count) / (speakingTime / 60) : nil
            hesitationTime = totalPauseTime + filledTime
        }
        meanLengthOfRun = runs.isEmpty ? nil : speakingTime / Double(runs.count)
        meanLengthOfRunSyllables = runs.isEmpty ? nil : Double(syllables.count) / Double(runs.count)
    }
}
