import Foundation
import GRDB

/// One practice session: a sitting in which prompts were asked and answered.
public struct PracticeSession: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
    /// Also the session's folder name under `Recordings/`: `yyyyMMdd-HHmmss`.
    public var id: String
    public var startedAt: Date
    /// The deck asked from, if one was chosen.
    public var deck: String?

    public init(id: String, startedAt: Date, deck: String?) {
        self.id = id
        self.startedAt = startedAt
        self.deck = deck
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
public struct Take: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "take"
    public var id: Int64?
    public var answerId: Int64
    /// 1-based.
    public var number: Int
    /// Path relative to the home folder, e.g. `Recordings/20261127-091500/01-first-90-days-take1.wav`.
    public var file: String
    public var recordedAt: Date
    public var sampleRate: Int
    public var droppedFrames: Int
    /// Why the audio could not be analysed, when it could not; the measures below are then nil.
    public var analysisError: String?
    public var duration: Double
    public var speakingTime: Double?
    public var phonationTimeRatio: Double?
    public var responseLatency: Double?
    public var trailingSilence: Double?
    public var pauseCount: Int?
    public var pausesPerMinute: Double?
    public var meanPause: Double?
    public var medianPause: Double?
    public var longestPause: Double?
    public var totalPauseTime: Double?
    public var pausesOver1s: Int?
    public var pausesOver2s: Int?
    public var meanLengthOfRun: Double?
    public var meanLengthOfRunSyllables: Double?
    public var syllableCount: Int?
    public var speechRate: Double?
    public var articulationRate: Double?
    /// The pause threshold the measures were made with, in seconds.
    public var minimumPause: Double?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A stretch of speech or a pause within a take.
public struct Segment: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "segment"
    public enum Kind: String, Codable, Sendable { case speech, pause }
    public var takeId: Int64
    public var kind: Kind
    public var start: Double
    public var end: Double
}
