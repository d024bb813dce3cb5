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
    public var syllableCount: Int
    /// Syllables / (duration − latency − trailing silence).
    public var speechRate: Double?
    /// Syllables / speaking time.
    public var articulationRate: Double?
    /// The pause threshold these were measured with.
    public var minimumPause: Double

    /// Computes every measure from the speech runs (already merged across gaps shorter than the
    /// pause threshold), the pauses between them and the syllable nuclei.
    public init(duration: Double, runs: [TimeSpan], pauses: [TimeSpan], syllables: [Double], minimumPause: Double) {
        totalDuration = duration
        self.minimumPause = minimumPause
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
        articulationRate = speakingTime > 0 ? Double(syllables.count) / speakingTime : nil
        pausesPerMinute = speakingTime > 0 ? Double(pauses.count) / (speakingTime / 60) : nil
        meanLengthOfRun = runs.isEmpty ? nil : speakingTime / Double(runs.count)
        meanLengthOfRunSyllables = runs.isEmpty ? nil : Double(syllables.count) / Double(runs.count)
    }
}
