import Analysis
import Foundation
import GRDB

/// One session: a sitting in which prompts were asked and answered, in practice (one question at a
/// time, text on screen) or as a mock phone interview.
public struct PracticeSession: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case practice, interview
    }
    /// Also the session's folder name under `Recordings/`: `yyyyMMdd-HHmmss`.
    public var id: String
    public var startedAt: Date
    /// The deck asked from, if one was chosen.
    public var deck: String?
    public var kind: Kind

    public init(id: String, startedAt: Date, deck: String?, kind: Kind = .practice) {
        self.id = id
        self.startedAt = startedAt
        self.deck = deck
        self.kind = kind
    }
}

/// A prompt as it was asked in a session, with the user's reflection on their answer.
public struct Answer: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "answer"
    public var id: Int64?
    public var sessionId: String
    /// 1-based order in the session.
    public var position: Int
    public var promptId: String
    /// The wording at the time it was asked.
    public var promptText: String
    public var category: String
    public var note: String?
    /// Self-rated confidence, 1–5.
    public var rating: Int?

    public init(sessionId: String, position: Int, prompt: Prompt) {
        self.sessionId = sessionId
        self.position = position
        promptId = prompt.id
        promptText = prompt.text
        category = prompt.category
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One recording of an answer, with its measures. Re-recording adds a take; none is ever replaced.
///
/// The measures are real columns of the take table (reports aggregate them in SQL), written and read
/// by walking `FluencyMeasure.all`, so a new measure needs no change here.
public struct Take: Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "take"

    public enum Columns {
        public static let answerId = Column("answerId")
        public static let number = Column("number")
        public static let file = Column("file")
        public static let recordedAt = Column("recordedAt")
    }

    public var id: Int64?
    public var answerId: Int64
    /// 1-based.
    public var number: Int
    /// Path relative to the home folder, e.g. `Recordings/20261127-091500/01-first-90-days-take1.wav`.
    public var file: String
    public var recordedAt: Date
    public var sampleRate: Int
    public var droppedFrames: Int
    /// Seconds of audio in the file.
    public var duration: Double
    /// Why the audio could not be analysed, when it could not; `metrics` is then nil.
    public var analysisError: String?
    /// For an imported take, a fingerprint of the file it came from (so the same audio is not
    /// imported twice); nil for recorded takes.
    public var sourceFingerprint: String?
    /// The measures of an analysed take.
    public var metrics: FluencyMetrics?
    /// How far the measures of an analysed take can be trusted; nil for takes analysed before the
    /// verdict existed (detector version 1).
    public var reliability: Reliability?
    /// The detector that measured this take (`AnswerAnalysis.detectorVersion`); 1 for every take
    /// stored before versions were recorded.
    public var detectorVersion: Int = 1

    public init(
        id: Int64? = nil, answerId: Int64, number: Int, file: String, recordedAt: Date, sampleRate: Int,
        droppedFrames: Int,
        duration: Double, analysisError: String? = nil, metrics: FluencyMetrics? = nil
    ) {
        self.id = id
        self.answerId = answerId
        self.number = number
        self.file = file
        self.recordedAt = recordedAt
        self.sampleRate = sampleRate
        self.droppedFrames = droppedFrames
        self.duration = duration
        self.analysisError = analysisError
        self.metrics = metrics
    }

    public init(row: Row) throws {
        id = row["id"]
        answerId = row["answerId"]
        number = row["number"]
        file = row["file"]
        recordedAt = row["recordedAt"]
        sampleRate = row["sampleRate"]
        droppedFrames = row["droppedFrames"]
        duration = row["duration"]
        analysisError = row["analysisError"]
        sourceFingerprint = row["sourceFingerprint"]
        detectorVersion = row["detectorVersion"] ?? 1
        if let backgroundSpeech = row["backgroundSpeech"] as Bool? {
            reliability = Reliability(signalToNoise: row["signalToNoise"], backgroundSpeech: backgroundSpeech)
        }
        if analysisError == nil {
            var metrics = FluencyMetrics.empty
            for measure in FluencyMeasure.all {
                measure.set(row[measure.column] as Double?, in: &metrics)
            }
            metrics.totalDuration = duration
            self.metrics = metrics
        }
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["answerId"] = answerId
        container["number"] = number
        container["file"] = file
        container["recordedAt"] = recordedAt
        container["sampleRate"] = sampleRate
        container["droppedFrames"] = droppedFrames
        container["analysisError"] = analysisError
        container["sourceFingerprint"] = sourceFingerprint
        container["detectorVersion"] = detectorVersion
        container["signalToNoise"] = reliability?.signalToNoise
        container["backgroundSpeech"] = reliability?.backgroundSpeech
        for measure in FluencyMeasure.all where measure.column != "duration" {
            let value = metrics.flatMap(measure.value(in:))
            container[measure.column] =
                measure.isInteger ? value.map { Int($0) } as (any DatabaseValueConvertible)? : value
        }
        container["duration"] = duration
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The settings to measure this take again with: its own choices (the shortest pause, whether and
    /// how strictly filled pauses were looked for, the freeze threshold), and the defaults for choices
    /// that did not exist when it was measured (filled pauses before detector version 3).
    public var settingsToMeasureAgain: AnalysisSettings {
        var settings = AnalysisSettings()
        guard let metrics else { return settings }
        settings.minimumPause = metrics.minimumPause
        if detectorVersion >= 3 { settings.filledPauseStability = metrics.filledPauseStability }
        if let threshold = metrics.freezeThreshold { settings.freezeThreshold = threshold }
        return settings
    }

    /// Takes on an analysis's measures, verdict and detector version (its duration stays the file's).
    mutating func record(_ analysis: AnswerAnalysis) {
        analysisError = nil
        metrics = analysis.metrics
        metrics?.totalDuration = duration
        reliability = analysis.reliability
        detectorVersion = analysis.detectorVersion
    }
}

/// A stretch of speech, a silent pause, a filled pause or a freeze within a take. Filled pauses lie
/// inside speech (they are sound), silent pauses between it; a freeze spans the pauses and filled
/// pauses it is made of.
public struct Segment: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "segment"
    public enum Kind: String, Codable, Sendable { case speech, pause, filledPause, freeze }
    public var takeId: Int64
    public var kind: Kind
    public var start: Double
    public var end: Double

    /// Stores an analysis's speech runs, pauses and filled pauses as the segments of take `takeId`.
    static func insert(_ analysis: AnswerAnalysis, for takeId: Int64, _ db: Database) throws {
        for span in analysis.runs {
            try Segment(takeId: takeId, kind: .speech, start: span.start, end: span.end).insert(db)
        }
        for span in analysis.pauses {
            try Segment(takeId: takeId, kind: .pause, start: span.start, end: span.end).insert(db)
        }
        for filled in analysis.filledPauses {
            try Segment(takeId: takeId, kind: .filledPause, start: filled.span.start, end: filled.span.end).insert(db)
        }
        for span in analysis.freezes {
            try Segment(takeId: takeId, kind: .freeze, start: span.start, end: span.end).insert(db)
        }
    }
}
