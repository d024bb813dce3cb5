import Analysis
import Foundation
import GRDB

/// A failure of the session database, with the file involved.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Where a user's practice lives: `Prompts/` with the decks, `Recordings/` with one folder of audio
/// per session and the database `Recordings/rehearse.sqlite`.
public struct PracticeHome: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder.standardizedFileURL }

    /// `--home`, else `REHEARSE_HOME`, else the working directory.
    public static func resolve(_ option: String?) -> PracticeHome {
        let path = option ?? ProcessInfo.processInfo.environment["REHEARSE_HOME"] ?? FileManager.default.currentDirectoryPath
        return PracticeHome(folder: URL(fileURLWithPath: path))
    }

    public var prompts: URL { folder.appendingPathComponent("Prompts") }
    public var recordings: URL { folder.appendingPathComponent("Recordings") }
    public var database: URL { recordings.appendingPathComponent("rehearse.sqlite") }

    /// The absolute location of a take's file, which the store keeps relative to the home.
    public func url(of relativePath: String) -> URL { folder.appendingPathComponent(relativePath) }
}

/// The session database. Every change is one transaction; several `rehearse` processes may use the
/// same file at once (SQLite's locking, write-ahead log, and a busy timeout).
public final class SessionStore: Sendable {
    private let database: any DatabaseWriter

    /// For queries in other files of this module.
    var databaseReader: any DatabaseReader { database }

    /// Opens (creating if needed) the store of `home`, bringing its schema up to date.
    /// - Throws: `StoreError` naming the file when it is not a rehearse database; the file is left untouched.
    public convenience init(home: PracticeHome) throws {
        try FileManager.default.createDirectory(at: home.recordings, withIntermediateDirectories: true)
        let path = home.database.path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try self.init(writer: pool, path: path)
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw StoreError("'\(path)' is damaged or not a rehearse database (\(error.message ?? "\(error.resultCode)")); nothing was changed. Move it aside to start a new one; your recordings are untouched.")
        }
    }

    /// A store on any GRDB writer (an in-memory `DatabaseQueue()` in tests).
    public init(writer: any DatabaseWriter, path: String = ":memory:") throws {
        database = writer
        do {
            try Migrations.migrator.migrate(writer)
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw StoreError("'\(path)' is damaged or not a rehearse database (\(error.message ?? "\(error.resultCode)")); nothing was changed. Move it aside to start a new one; your recordings are untouched.")
        }
    }

    // MARK: Writing

    /// Records that a session has started.
    public func startSession(id: String, at date: Date, deck: String?) throws -> PracticeSession {
        let session = PracticeSession(id: id, startedAt: date, deck: deck)
        try database.write { db in try session.insert(db, onConflict: .ignore) }
        return session
    }

    /// Records that `prompt` is being asked in `session`, at the next position unless one is given.
    public func ask(_ prompt: Prompt, in session: String, at requested: Int? = nil) throws -> Answer {
        try database.write { db in
            let position = try requested
                ?? (Int.fetchOne(db, sql: "SELECT MAX(position) FROM answer WHERE sessionId = ?", arguments: [session]) ?? 0) + 1
            var answer = Answer(sessionId: session, position: position, prompt: prompt)
            try answer.insert(db)
            return answer
        }
    }

    /// Stores a finished take, its measures and its segments, in one transaction.
    @discardableResult
    public func addTake(
        to answerId: Int64, number: Int, file: String, recordedAt: Date, sampleRate: Int, droppedFrames: Int,
        duration: Double, analysis: Result<AnswerAnalysis, any Error>
    ) throws -> Take {
        var take = Take(id: nil, answerId: answerId, number: number, file: file, recordedAt: recordedAt, sampleRate: sampleRate,
                        droppedFrames: droppedFrames, analysisError: nil, duration: duration)
        var segments: [(Segment.Kind, TimeSpan)] = []
        switch analysis {
        case .success(let result):
            take.apply(result.metrics)
            segments = result.runs.map { (.speech, $0) } + result.pauses.map { (.pause, $0) }
        case .failure(let error):
            take.analysisError = "\(error)"
        }
        return try database.write { db in
            try take.insert(db)
            for (kind, span) in segments {
                try Segment(takeId: take.id!, kind: kind, start: span.start, end: span.end).insert(db)
            }
            return take
        }
    }

    /// Sets the note and self-rating of an answer; nil leaves a field as it is.
    public func annotate(answer id: Int64, note: String?, rating: Int?) throws {
        try database.write { db in
            guard var answer = try Answer.fetchOne(db, key: id) else { throw StoreError("no answer with id \(id)") }
            if let note { answer.note = answer.note.map { $0 + "\n" + note } ?? note }
            if let rating { answer.rating = rating }
            try answer.update(db)
        }
    }

    /// Removes the take stored for `file` (when its audio is gone), with its segments.
    public func forgetTake(file: String) throws {
        _ = try database.write { db in try Take.filter(Column("file") == file).deleteAll(db) }
    }

    /// Removes a session and everything recorded in it from the database (not the files).
    public func deleteSession(_ id: String) throws {
        _ = try database.write { db in try PracticeSession.deleteOne(db, key: id) }
    }

    // MARK: Reading

    public func sessions() throws -> [PracticeSession] {
        try database.read { db in try PracticeSession.order(Column("startedAt")).fetchAll(db) }
    }

    public func session(_ id: String) throws -> PracticeSession? {
        try database.read { db in try PracticeSession.fetchOne(db, key: id) }
    }

    /// The session a user means: `last` is the latest one, anything else an id; nil when there is none.
    public func session(named name: String) throws -> PracticeSession? {
        name == "last" ? try sessions().last : try session(name)
    }

    /// The answers of a session in order, each with its takes in order.
    public func answers(in session: String) throws -> [(answer: Answer, takes: [Take])] {
        try database.read { db in
            let answers = try Answer.filter(Column("sessionId") == session).order(Column("position")).fetchAll(db)
            return try answers.map { answer in
                (answer, try Take.filter(Column("answerId") == answer.id!).order(Column("number")).fetchAll(db))
            }
        }
    }

    /// Earlier analysed takes of a prompt, oldest first, from sessions other than `session`.
    public func previousTakes(of promptId: String, before session: String) throws -> [Take] {
        try database.read { db in
            try Take.fetchAll(db, sql: """
                SELECT take.* FROM take JOIN answer ON answer.id = take.answerId
                WHERE answer.promptId = ? AND answer.sessionId <> ? AND take.analysisError IS NULL
                ORDER BY take.recordedAt
                """, arguments: [promptId, session])
        }
    }

    /// How often each prompt has been answered, and the mean hesitation (pauses per minute) of its takes.
    public func promptHistory() throws -> [String: (answers: Int, meanPausesPerMinute: Double?)] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT answer.promptId AS id, COUNT(DISTINCT answer.id) AS answers, AVG(take.pausesPerMinute) AS hesitation
                FROM answer LEFT JOIN take ON take.answerId = answer.id GROUP BY answer.promptId
                """)
            var history: [String: (Int, Double?)] = [:]
            for row in rows { history[row["id"]] = (row["answers"], row["hesitation"]) }
            return history
        }
    }

    public func answer(in session: String, at position: Int) throws -> Answer? {
        try database.read { db in
            try Answer.filter(Column("sessionId") == session && Column("position") == position).fetchOne(db)
        }
    }

    public func segments(of takeId: Int64) throws -> [Segment] {
        try database.read { db in try Segment.filter(Column("takeId") == takeId).order(Column("start")).fetchAll(db) }
    }

    /// Every take's file, relative to the home folder.
    public func recordedFiles() throws -> Set<String> {
        try database.read { db in Set(try String.fetchAll(db, sql: "SELECT file FROM take")) }
    }
}

extension Take {
    mutating func apply(_ m: FluencyMetrics) {
        duration = m.totalDuration
        speakingTime = m.speakingTime
        phonationTimeRatio = m.phonationTimeRatio
        responseLatency = m.responseLatency
        trailingSilence = m.trailingSilence
        pauseCount = m.pauseCount
        pausesPerMinute = m.pausesPerMinute
        meanPause = m.meanPause
        medianPause = m.medianPause
        longestPause = m.longestPause
        totalPauseTime = m.totalPauseTime
        pausesOver1s = m.pausesOver1s
        pausesOver2s = m.pausesOver2s
        meanLengthOfRun = m.meanLengthOfRun
        meanLengthOfRunSyllables = m.meanLengthOfRunSyllables
        syllableCount = m.syllableCount
        speechRate = m.speechRate
        articulationRate = m.articulationRate
        minimumPause = m.minimumPause
    }

    init(id: Int64?, answerId: Int64, number: Int, file: String, recordedAt: Date, sampleRate: Int, droppedFrames: Int, analysisError: String?, duration: Double) {
        self.id = id
        self.answerId = answerId
        self.number = number
        self.file = file
        self.recordedAt = recordedAt
        self.sampleRate = sampleRate
        self.droppedFrames = droppedFrames
        self.analysisError = analysisError
        self.duration = duration
    }
}
