import Analysis
import Foundation
import GRDB

/// A failure of the session database, with the file involved.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// Runs `body`, turning a raw database error into one line naming the file.
    static func describingDatabaseErrors<T>(of path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(database: path, error)
        }
    }

    /// The one-line message for `error` when it is a database error, naming `path`; nil otherwise.
    public static func describing(_ error: any Error, database path: String?) -> StoreError? {
        guard let error = error as? DatabaseError else { return nil }
        return StoreError(database: path ?? "the sessions database", error)
    }

    /// The one-line message for a database error on `path`.
    public init(database path: String, _ error: DatabaseError) {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self.init(
                "'\(path)' is damaged or not a rehearse database (\(detail)); nothing was changed. Move it aside to start a new one; your recordings are untouched."
            )
        case .SQLITE_READONLY:
            self.init(
                "'\(path)' is read-only, so this command cannot save anything (\(detail)); reading commands still work")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            self.init(
                "cannot open '\(path)' (\(detail)); check that its folder exists and that you may read and write it")
        case .SQLITE_FULL:
            self.init("cannot write '\(path)': the disk is full; nothing was changed")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            // SQLite waits up to 10 s for a lock, but reports some conflicts at once; its own words
            // say which.
            self.init("'\(path)' is locked by another rehearse command (\(detail)); try again when it has finished")
        default:
            self.init("the sessions database '\(path)' failed: \(detail)")
        }
    }
}

/// The session database. Every change is one transaction; several `rehearse` processes may use the
/// same file at once (SQLite's locking, write-ahead log, and a busy timeout).
public final class SessionStore: Sendable {
    private let database: any DatabaseWriter

    /// For queries in other files of this module.
    var databaseReader: any DatabaseReader { database }
    /// For changes in other files of this module.
    var databaseWriter: any DatabaseWriter { database }

    /// False for a database opened read-only (the user may not write it), and for the empty
    /// stand-in a reading command gets before any database exists: nothing it stores would last.
    public var isWritable: Bool { !isStandIn && !database.configuration.readonly }

    /// True for the empty in-memory store that stands in for a database not created yet.
    private let isStandIn: Bool

    /// Opens (creating if needed) the store of `home`, bringing its schema up to date. Safe when
    /// several processes open a new home at once: the first creates the schema, the others wait.
    /// - Parameter readOnly: for commands that only read: a missing database reads as empty, and a
    ///   database the user may not write is still read (when its schema is current).
    /// - Throws: `StoreError` naming the file when it is missing, damaged, not a rehearse database or
    ///   cannot be opened; the file is left untouched.
    public convenience init(home: PracticeHome, readOnly: Bool = false) throws {
        let path = home.database.path
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            try self.init(writer: DatabaseQueue(), path: path, isStandIn: true)
            return
        }
        try FileManager.default.createDirectory(at: home.recordings, withIntermediateDirectories: true)
        let writer = try StoreError.describingDatabaseErrors(of: path) {
            // A new database is switched to write-ahead logging by the first connection that opens
            // it, and SQLite cannot make that switch while another process has the file open: it
            // says so at once (SQLITE_BUSY on `PRAGMA journal_mode`, without waiting), which failed
            // half the commands started together on a new home. So the first opening is taken in
            // turn, under the lock that guards the schema's creation; once the file is in WAL mode
            // nothing needs it.
            let firstOpening =
                Self.isInWriteAheadLogMode(path) ? nil : try FolderLock(waitingFor: home.recordings.path)
            let writer = try Self.connect(home: home, readOnly: readOnly)
            _ = consume firstOpening
            return writer
        }
        try self.init(writer: writer, path: path, migrationLock: home.recordings.path)
    }

    private static func connect(home: PracticeHome, readOnly: Bool) throws -> any DatabaseWriter {
        let path = home.database.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError("'\(path)' is a folder, not the sessions database; move it aside")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        if FileManager.default.fileExists(atPath: path), !Self.isInWriteAheadLogMode(path) {
            // Look before opening for writing: a write-ahead-log pool rewrites the header of a
            // SQLite file in rollback mode, and a database that is not ours must stay as it is.
            // (rehearse's own databases are always in WAL mode, so this costs them nothing.)
            var inspection = configuration
            inspection.readonly = true
            let isForeign = try DatabaseQueue(path: path, configuration: inspection).read(Migrations.isForeign)
            if isForeign {
                throw StoreError(
                    "'\(path)' is not a rehearse database (it holds other tables); nothing was changed. Move it aside to start a new one; your recordings are untouched."
                )
            }
        }
        if readOnly && access(path, W_OK) != 0 {
            // A file the user may not write, or one on read-only media: SQLite cannot create the
            // write-ahead log's index beside it, so the file is opened as immutable (nobody can
            // be writing it) through a URI.
            configuration.readonly = true
            let uri =
                "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
            return try DatabaseQueue(path: uri, configuration: configuration)
        }
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// True when the file's header says write-ahead log (bytes 18 and 19 are 2, per SQLite's file
    /// format); opening such a file with a pool changes nothing in it.
    private static func isInWriteAheadLogMode(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20,
            header.starts(with: Data("SQLite format 3\0".utf8))
        else { return false }
        return header[header.startIndex + 18] == 2 && header[header.startIndex + 19] == 2
    }

    /// A store on any GRDB writer (an in-memory `DatabaseQueue()` in tests).
    /// - Parameter migrationLock: a folder to lock while migrating, so that processes opening the
    ///   same new database at once do not both create its tables.
    /// - Parameter isStandIn: an empty store for a database that does not exist yet: read as
    ///   empty, never recovered into.
    public init(
        writer: any DatabaseWriter, path: String = ":memory:", migrationLock: String? = nil, isStandIn: Bool = false
    ) throws {
        database = writer
        self.isStandIn = isStandIn
        try StoreError.describingDatabaseErrors(of: path) {
            let migrator = Migrations.migrator
            if try writer.read({ try migrator.hasCompletedMigrations($0) }) { return }
            if try writer.read({ try Migrations.isForeign($0) }) {
                throw StoreError(
                    "'\(path)' is not a rehearse database (it holds other tables); nothing was changed. Move it aside to start a new one; your recordings are untouched."
                )
            }
            if writer.configuration.readonly {
                throw StoreError(
                    "'\(path)' was written by an older rehearse and must be upgraded, but it is read-only; make it writable and run any rehearse command"
                )
            }
            let lock = try migrationLock.map(FolderLock.init(waitingFor:))
            try migrator.migrate(writer)
            _ = consume lock
        }
    }

    // MARK: Writing

    /// Records that a session has started.
    public func startSession(
        id: String, at date: Date, deck: String?, kind: PracticeSession.Kind = .practice
    ) throws -> PracticeSession {
        let session = PracticeSession(id: id, startedAt: date, deck: deck, kind: kind)
        try database.write { db in try session.insert(db, onConflict: .ignore) }
        return session
    }

    /// Records that `prompt` is being asked in `session`, at the next position unless one is given.
    public func ask(_ prompt: Prompt, in session: String, at requested: Int? = nil) throws -> Answer {
        try database.write { db in
            let position =
                try requested
                ?? (Int.fetchOne(db, sql: "SELECT MAX(position) FROM answer WHERE sessionId = ?", arguments: [session])
                    ?? 0) + 1
            var answer = Answer(sessionId: session, position: position, prompt: prompt)
            try answer.insert(db)
            return answer
        }
    }

    /// Stores a take, its measures and its segments, in one transaction. Takes of recordings go
    /// through `file(_:answer:home:settings:)`, which reads and analyses the audio first.
    @discardableResult
    public func addTake(
        to answerId: Int64, number: Int, file: String, recordedAt: Date, sampleRate: Int, droppedFrames: Int,
        duration: Double, analysis: Result<AnswerAnalysis, any Error>, sourceFingerprint: String? = nil
    ) throws -> Take {
        var take = Take(
            answerId: answerId, number: number, file: file, recordedAt: recordedAt, sampleRate: sampleRate,
            droppedFrames: droppedFrames, duration: duration)
        take.sourceFingerprint = sourceFingerprint
        switch analysis {
        case .success(let result):
            take.record(result)
        case .failure(let error):
            take.analysisError = "\(error)"
        }
        return try database.write { db in
            try take.insert(db)
            if case .success(let result) = analysis { try Segment.insert(result, for: take.id!, db) }
            return take
        }
    }

    /// Removes an answer (and its takes); with `andEmptySession`, also its session when nothing else
    /// is left in it. Used to undo a failed import.
    public func deleteAnswer(_ id: Int64, andEmptySession: Bool) throws {
        try database.write { db in
            guard let answer = try Answer.fetchOne(db, key: id) else { return }
            _ = try answer.delete(db)
            if andEmptySession, try Answer.filter(Column("sessionId") == answer.sessionId).fetchCount(db) == 0 {
                _ = try PracticeSession.deleteOne(db, key: answer.sessionId)
            }
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
        _ = try database.write { db in try Take.filter(Take.Columns.file == file).deleteAll(db) }
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
                (answer, try Take.filter(Take.Columns.answerId == answer.id!).order(Take.Columns.number).fetchAll(db))
            }
        }
    }

    /// Earlier analysed takes of a prompt, oldest first, from sessions other than `session`.
    public func previousTakes(of promptId: String, before session: String) throws -> [Take] {
        try database.read { db in
            try Take.fetchAll(
                db,
                sql: """
                    SELECT take.* FROM take JOIN answer ON answer.id = take.answerId
                    WHERE answer.promptId = ? AND answer.sessionId <> ? AND take.analysisError IS NULL
                    ORDER BY take.recordedAt
                    """, arguments: [promptId, session])
        }
    }

    /// How often each prompt has been answered, and the mean hesitation (pauses per minute) of its takes.
    public func promptHistory() throws -> [String: (answers: Int, meanPausesPerMinute: Double?)] {
        try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
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

    /// The segments of every take of a session, by take id, in one query.
    public func segmentsByTake(in session: String) throws -> [Int64: [Segment]] {
        try database.read { db in
            let segments = try Segment.fetchAll(
                db,
                sql: """
                    SELECT segment.* FROM segment JOIN take ON take.id = segment.takeId JOIN answer ON answer.id = take.answerId
                    WHERE answer.sessionId = ? ORDER BY segment.start
                    """, arguments: [session])
            return Dictionary(grouping: segments, by: \.takeId)
        }
    }

    public func segments(of takeId: Int64) throws -> [Segment] {
        try database.read { db in try Segment.filter(Column("takeId") == takeId).order(Column("start")).fetchAll(db) }
    }

    /// Where audio with this fingerprint was imported before: the session and the answer's position.
    public func importedTake(fingerprint: String) throws -> (session: String, position: Int)? {
        try database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT answer.sessionId AS session, answer.position AS position FROM take
                    JOIN answer ON answer.id = take.answerId WHERE take.sourceFingerprint = ? LIMIT 1
                    """, arguments: [fingerprint]
            ).map { ($0["session"], $0["position"]) }
        }
    }

    /// True when a take of `file` (relative to the home folder) is stored.
    public func hasTake(file: String) throws -> Bool {
        try database.read { db in try Take.filter(Take.Columns.file == file).fetchCount(db) > 0 }
    }

    /// Every take's file, relative to the home folder.
    public func recordedFiles() throws -> Set<String> {
        try database.read { db in Set(try String.fetchAll(db, sql: "SELECT file FROM take")) }
    }
}
