/// One per-answer fluency measure: its stable name (JSON and CSV key, database column), words for
/// people, its unit, which way is better, and how to read it. `FluencyMeasure.all` is the one
/// ordered list every output derives from; adding a measure is a property of `FluencyMetrics`, an
/// entry here and a migration adding its column. Definitions with sources: `docs/METRICS.md`.
public struct FluencyMeasure: Sendable {
    public enum Unit: String, Sendable {
        case seconds, ratio, perMinute, syllablesPerSecond, syllables, count, decibels

        /// The unit as a table shows it after a number ("" for plain counts).
        public var symbol: String {
            switch self {
            case .seconds: "s"
            case .ratio: "%"
            case .perMinute: "/min"
            case .syllablesPerSecond: "syll/s"
            case .syllables: "syll"
            case .count: ""
            case .decibels: "dB"
            }
        }
    }

    /// Where the value lives in `FluencyMetrics`.
    enum Field: Sendable {
        case number(WritableKeyPath<FluencyMetrics, Double> & Sendable)
        case optionalNumber(WritableKeyPath<FluencyMetrics, Double?> & Sendable)
        case integer(WritableKeyPath<FluencyMetrics, Int> & Sendable)
        case optionalInteger(WritableKeyPath<FluencyMetrics, Int?> & Sendable)
    }

    /// JSON and CSV name.
    public let key: String
    /// The database column of the take table (the key, except for the take's duration).
    public let column: String
    public let label: String
    public let unit: Unit
    /// nil when neither direction is better (the recording's length, the threshold used).
    public let lowerIsBetter: Bool?
    /// One sentence a user can read.
    public let meaning: String
    let field: Field

    init(
        _ key: String, column: String? = nil, _ label: String, _ unit: Unit, lowerIsBetter: Bool?, _ field: Field,
        meaning: String
    ) {
        self.key = key
        self.column = column ?? key
        self.label = label
        self.unit = unit
        self.lowerIsBetter = lowerIsBetter
        self.meaning = meaning
        self.field = field
    }

    /// True for whole numbers (counts), stored as INTEGER.
    public var isInteger: Bool {
        switch field {
        case .integer, .optionalInteger: true
        case .number, .optionalNumber: false
        }
    }

    /// The measure's value in `metrics`; nil where it does not apply.
    public func value(in metrics: FluencyMetrics) -> Double? {
        switch field {
        case .number(let path): metrics[keyPath: path]
        case .optionalNumber(let path): metrics[keyPath: path]
        case .integer(let path): Double(metrics[keyPath: path])
        case .optionalInteger(let path): metrics[keyPath: path].map(Double.init)
        }
    }

    /// Sets the measure in `metrics` (reading a stored take back); nil leaves a required field at 0.
    public func set(_ value: Double?, in metrics: inout FluencyMetrics) {
        switch field {
        case .number(let path): metrics[keyPath: path] = value ?? 0
        case .optionalNumber(let path): metrics[keyPath: path] = value
        case .integer(let path): metrics[keyPath: path] = value.flatMap { Int(exactly: $0.rounded()) } ?? 0
        case .optionalInteger(let path): metrics[keyPath: path] = value.flatMap { Int(exactly: $0.rounded()) }
        }
    }

    public static func named(_ key: String) -> FluencyMeasure? { all.first { $0.key == key } }

    /// Every per-answer measure, in the order outputs show them.
    public static let all: [FluencyMeasure] = [
        FluencyMeasure(
            "totalDuration", column: "duration", "duration", .seconds, lowerIsBetter: nil, .number(\.totalDuration),
            meaning: "Length of the recording."),
        FluencyMeasure(
            "speakingTime", "speaking time", .seconds, lowerIsBetter: nil, .number(\.speakingTime),
            meaning: "Total length of the speech runs (phonation time)."),
        FluencyMeasure(
            "phonationTimeRatio", "speaking share", .ratio, lowerIsBetter: false, .optionalNumber(\.phonationTimeRatio),
            meaning: "Share of the answer, from first to last word, spent speaking rather than pausing."),
        FluencyMeasure(
            "responseLatency", "response latency", .seconds, lowerIsBetter: true, .optionalNumber(\.responseLatency),
            meaning: "Time from the start of the recording to the first word: how long you took to start."),
        FluencyMeasure(
            "trailingSilence", "trailing silence", .seconds, lowerIsBetter: nil, .number(\.trailingSilence),
            meaning: "Silence after the last word, before the recording stopped."),
        FluencyMeasure(
            "pauseCount", "pauses", .count, lowerIsBetter: true, .integer(\.pauseCount),
            meaning: "Silent pauses between words at least as long as the pause threshold."),
        FluencyMeasure(
            "pausesPerMinute", "pauses per minute", .perMinute, lowerIsBetter: true, .optionalNumber(\.pausesPerMinute),
            meaning: "Silent pauses per minute of speaking time."),
        FluencyMeasure(
            "meanPause", "mean pause", .seconds, lowerIsBetter: true, .optionalNumber(\.meanPause),
            meaning: "Average length of the silent pauses."),
        FluencyMeasure(
            "medianPause", "median pause", .seconds, lowerIsBetter: true, .optionalNumber(\.medianPause),
            meaning: "Middle length of the silent pauses: half are shorter, half longer."),
        FluencyMeasure(
            "longestPause", "longest pause", .seconds, lowerIsBetter: true, .optionalNumber(\.longestPause),
            meaning: "The longest silent pause: the moment you were most stuck."),
        FluencyMeasure(
            "totalPauseTime", "time in pauses", .seconds, lowerIsBetter: true, .number(\.totalPauseTime),
            meaning: "All silent pauses added up."),
        FluencyMeasure(
            "pausesOver1s", "pauses ≥ 1 s", .count, lowerIsBetter: true, .integer(\.pausesOver1s),
            meaning: "Pauses of a second or more: a listener notices these."),
        FluencyMeasure(
            "pausesOver2s", "pauses ≥ 2 s", .count, lowerIsBetter: true, .integer(\.pausesOver2s),
            meaning: "Pauses of two seconds or more: these sound like freezing."),
        FluencyMeasure(
            "meanLengthOfRun", "mean length of run", .seconds, lowerIsBetter: false, .optionalNumber(\.meanLengthOfRun),
            meaning: "Average stretch of speech between pauses, in seconds."),
        FluencyMeasure(
            "meanLengthOfRunSyllables", "mean length of run", .syllables, lowerIsBetter: false,
            .optionalNumber(\.meanLengthOfRunSyllables),
            meaning: "Average stretch of speech between pauses, in syllables."),
        FluencyMeasure(
            "syllableCount", "syllables", .count, lowerIsBetter: nil, .integer(\.syllableCount),
            meaning: "Syllables of fluent speech found in the answer (filled pauses are not counted)."),
        FluencyMeasure(
            "speechRate", "speech rate", .syllablesPerSecond, lowerIsBetter: false, .optionalNumber(\.speechRate),
            meaning: "Syllables per second from the first to the last word, pauses included."),
        FluencyMeasure(
            "articulationRate", "articulation rate", .syllablesPerSecond, lowerIsBetter: nil,
            .optionalNumber(\.articulationRate),
            meaning: "Syllables per second of speaking time, silent and filled pauses left out."),
        FluencyMeasure(
            "filledPauseCount", "filled pauses", .count, lowerIsBetter: true, .optionalInteger(\.filledPauseCount),
            meaning: "Filled pauses (\"uh\", \"um\", \"er\"): a vowel held while searching for words."),
        FluencyMeasure(
            "filledPausesPerMinute", "filled pauses per minute", .perMinute, lowerIsBetter: true,
            .optionalNumber(\.filledPausesPerMinute),
            meaning: "Filled pauses per minute of speaking time."),
        FluencyMeasure(
            "meanFilledPause", "mean filled pause", .seconds, lowerIsBetter: true, .optionalNumber(\.meanFilledPause),
            meaning: "Average length of the filled pauses."),
        FluencyMeasure(
            "filledPauseTime", "time in filled pauses", .seconds, lowerIsBetter: true,
            .optionalNumber(\.filledPauseTime),
            meaning: "All filled pauses added up: sound, but not fluent speech."),
        FluencyMeasure(
            "hesitationTime", "hesitation time", .seconds, lowerIsBetter: true, .optionalNumber(\.hesitationTime),
            meaning: "Time in silent and filled pauses together."),
        FluencyMeasure(
            "freezeCount", "freezes", .count, lowerIsBetter: true, .optionalInteger(\.freezeCount),
            meaning: "Moments you were stuck: a long silence, or pauses and um/uh piling up close together."),
        FluencyMeasure(
            "longestFreeze", "longest freeze", .seconds, lowerIsBetter: true, .optionalNumber(\.longestFreeze),
            meaning: "The longest freeze, from its first hesitation to the end of its last."),
        FluencyMeasure(
            "minimumPause", "pause threshold", .seconds, lowerIsBetter: nil, .number(\.minimumPause),
            meaning: "The shortest silence counted as a pause when these were measured."),
        FluencyMeasure(
            "filledPauseStability", "filled-pause steadiness", .decibels, lowerIsBetter: nil,
            .optionalNumber(\.filledPauseStability),
            meaning: "How steady a held vowel had to be to count as a filled pause (empty: not looked for)."),
        FluencyMeasure(
            "freezeThreshold", "freeze threshold", .seconds, lowerIsBetter: nil, .optionalNumber(\.freezeThreshold),
            meaning: "How much hesitation made a freeze when these were measured."),
    ]
}

extension FluencyMetrics {
    /// Metrics with every measure at zero or nil, to be filled measure by measure from storage.
    public static var empty: FluencyMetrics {
        FluencyMetrics(duration: 0, runs: [], pauses: [], syllables: [], minimumPause: 0)
    }
}
