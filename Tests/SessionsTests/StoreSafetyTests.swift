import AudioIO
import Foundation
import GRDB
import Testing
import TestSupport

@testable import Analysis
@testable import Sessions

/// What keeps a home consistent when commands overlap, fail half-way or meet old and foreign databases.
@Suite struct StoreSafetyTests {
    let scratch: TemporaryFolder
    let home: PracticeHome
    let prompt = Prompt(id: "first-90-days", text: "What would you do in your first 90 days?", category: "situational")

    init() throws {
        scratch = try TemporaryFolder("rehearse-store-safety")
        home = PracticeHome(folder: scratch.url.appendingPathComponent("home"))
        try FileManager.default.createDirectory(at: home.recordings, withIntermediateDirectories: true)
    }

    func speech(_ name: String) throws -> URL {
        try SpeechFixtures.speech(
            "I would listen first", sampleRate: 16_000, leadingSilence: 0.5, trailingSilence: 0.5, in: scratch.url,
            name: name)
    }

    /// A take file another process is still writing is left alone; once its writer is gone (the
    /// lock is released, as the kernel does when a process dies), it is recovered.
    @Test func recoveryAdoptsAFileOnlyWhenItsWriterIsGone() throws {
        let file = TakeFile(session: "20261127-090000", position: 1, promptId: prompt.id, take: 1)
        let path = home.url(of: file.relativePath).path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // The writer creates and locks the file, then writes into it (the same inode).
        var lock: TakeLock? = try TakeLock(creating: path)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(contentsOf: try speech("orphan")))
        try handle.close()

        let (store, during) = try SessionStore.open(home: home) { [] }
        #expect(during.inProgress == [file.relativePath])
        #expect(during.imported.isEmpty)
        #expect(try store.recordedFiles().isEmpty)

        lock = nil
        _ = lock
        let (_, after) = try SessionStore.open(home: home) { [] }
        #expect(after.imported == [file.relativePath])
        #expect(try store.recordedFiles() == [file.relativePath])
    }

    /// A take file is never seen unlocked under its name, not even in the instant between its
    /// creation and its lock: another command's recovery could lock the new, empty file there, and
    /// the writer then failed ("cannot lock …: Resource temporarily unavailable", seen with six
    /// imports and 24 readers at once on one home), leaving an empty file every later command
    /// reported as unreadable.
    @Test func aNewTakeFileIsNeverSeenUnlocked() throws {
        let folder = home.recordings.appendingPathComponent("20261127-090000")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("01-first-90-days-take1.wav").path
        /// Whether another command could lock the file now (and so adopt it).
        func lockable() -> Bool {
            guard let other = TakeLock(existing: path) else { return false }
            other.release()
            return true
        }
        var seenUnlocked = false
        // What another command would find in that instant: nothing, or a file it cannot lock.
        var lock: TakeLock? = try TakeLock(creating: path) { seenUnlocked = lockable() }
        #expect(!seenUnlocked, "the new take file was there, unlocked, before its writer locked it")
        #expect(!lockable(), "the writer does not hold the lock")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["01-first-90-days-take1.wav"])
        #expect(throws: StoreError.self) { _ = try TakeLock(creating: path) }
        lock = nil
        _ = lock
        #expect(lockable())
    }

    /// A new database is switched to write-ahead logging by whichever command opens it first. Two
    /// commands switching it at once deadlock in SQLite's locks, and SQLite then fails one of them
    /// at once (SQLITE_BUSY on `PRAGMA journal_mode`, without waiting). Here another command is in
    /// the middle of that switch: it holds the lock that guards the first opening, and the write
    /// lock of the still rollback-mode file. Opening must wait for it, not fail (before the fix,
    /// 14 of 30 commands started together on a new home failed, about one round in 40 under load).
    @Test func theFirstOpeningOfANewDatabaseIsTakenInTurn() throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: home.database.path, configuration: configuration)
        try other.inDatabase { db in
            // A database file with its header written, in rollback mode, as SQLite creates it.
            try db.execute(sql: "PRAGMA user_version = 7")
            // Its own switch under way: it holds the write lock it will turn exclusive.
            try db.beginTransaction(.immediate)
        }
        let holding = DispatchSemaphore(value: 0)
        let recordings = home.recordings.path
        let firstOpener = Thread {
            let lock = try? FolderLock(waitingFor: recordings)
            holding.signal()
            Thread.sleep(forTimeInterval: 0.5)
            try? other.inDatabase { db in try db.commit() }
            _ = consume lock
        }
        firstOpener.start()
        holding.wait()
        let (store, _) = try SessionStore.open(home: home) { [] }
        #expect(store.isWritable)
        #expect(try store.recordedFiles().isEmpty)
    }

    /// A reading command that finds no database yet (another command is about to create it) reads
    /// an empty stand-in: it must not "recover" the files on disk into that stand-in, where they
    /// would be analysed for nothing and announced as recovered (the flaky overlap test's cause).
    @Test func aReaderBeforeTheDatabaseExistsRecoversNothing() throws {
        let file = TakeFile(session: "20261127-090000", position: 1, promptId: prompt.id, take: 1)
        let path = home.url(of: file.relativePath).path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try speech("written").path, toPath: path)

        let (reader, report) = try SessionStore.open(home: home, readOnly: true) { [] }
        #expect(report.imported.isEmpty)
        #expect(!reader.isWritable)
        #expect(!FileManager.default.fileExists(atPath: home.database.path))

        let (_, writer) = try SessionStore.open(home: home) { [] }
        #expect(writer.imported == [file.relativePath])
    }

    /// Deleting a session while one of its takes is still being recorded deletes nothing.
    @Test func aSessionBeingRecordedIsNotDeleted() throws {
        let store = try SessionStore(home: home)
        _ = try store.startSession(id: "20261127-090000", at: Date(), deck: nil)
        let file = TakeFile(session: "20261127-090000", position: 1, promptId: prompt.id, take: 1)
        try FileManager.default.createDirectory(
            at: home.url(of: file.relativePath).deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock = try TakeLock(creating: home.url(of: file.relativePath).path)
        #expect(throws: StoreError.self) { _ = try SessionFolder.delete("20261127-090000", home: home, store: store) }
        #expect(try store.session("20261127-090000") != nil)
        lock.release()
        #expect(try SessionFolder.delete("20261127-090000", home: home, store: store).isEmpty)
        #expect(try store.session("20261127-090000") == nil)
        #expect(!FileManager.default.fileExists(atPath: home.recordings.appendingPathComponent("20261127-090000").path))
    }

    @Test func anAnswerAddedToASessionTakesTheSessionsDate() throws {
        let store = try SessionStore(home: home)
        let started = Date(timeIntervalSince1970: 1_795_000_000)
        let first = try TakeImport.importRecording(
            try speech("first").path, prompt: prompt, into: nil, recordedAt: started, home: home, store: store)
        let second = try TakeImport.importRecording(
            try speech("second").path, prompt: prompt, into: first.session, recordedAt: nil, home: home, store: store,
            allowingDuplicate: true)
        #expect(second.session == first.session)
        #expect(second.take.take.recordedAt == started)
    }

    @Test func aFailedImportLeavesNothingBehind() throws {
        // A float WAV whose second half is not numbers: the copy fails half-way through.
        let bad = scratch.url.appendingPathComponent("broken.wav")
        let samples =
            (0..<96_000).map { Float(sin(Double($0) * 0.3)) * 0.3 } + Array(repeating: Float.nan, count: 16_000)
        try WAVBytes.float32(samples).write(to: bad)
        let store = try SessionStore(home: home)
        #expect(throws: SoundFileError.self) {
            _ = try TakeImport.importRecording(
                bad.path, prompt: prompt, into: nil, recordedAt: Date(timeIntervalSince1970: 1_795_000_000), home: home,
                store: store)
        }
        #expect(try store.sessions().isEmpty)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: home.recordings.path).allSatisfy {
                $0.hasPrefix("rehearse.sqlite")
            })
    }

    @Test func aDatabaseWrittenByTheFirstReleaseOpensAndMigrates() throws {
        let fixture = Paths.packageRoot.appendingPathComponent("Tests/SessionsTests/Fixtures/release-1-home.sqlite")
        try FileManager.default.copyItem(at: fixture, to: home.database)
        let store = try SessionStore(home: home, readOnly: false)
        // Take 2 of the first session's answer could not be analysed; take 1 still counts.
        let summaries = try store.sessionSummaries()
        #expect(summaries.map(\.session) == ["20261001-090000", "20261015-090000"])
        #expect(summaries.map(\.answers) == [1, 1])
        let takes = try store.answers(in: "20261001-090000")[0].takes
        #expect(takes.map(\.number) == [1, 2])
        #expect(takes[0].metrics?.pauseCount == 1)
        #expect(takes[1].metrics == nil && takes[1].analysisError != nil)
        #expect(try store.answers(in: "20261001-090000")[0].answer.note == "felt slow")
    }

    /// Adding a measure means adding its column by migration: a forgotten one fails here.
    @Test func everyMeasureHasAColumn() throws {
        let database = try DatabaseQueue()
        try Migrations.migrator.migrate(database)
        let columns = try database.read { db in Set(try db.columns(in: "take").map(\.name)) }
        #expect(columns.isSuperset(of: FluencyMeasure.all.map(\.column)))
        let viewColumns = try database.read { db in Set(try db.columns(in: "latestAnalysedTake").map(\.name)) }
        #expect(viewColumns == columns)
    }

    @Test func aForeignDatabaseIsRefusedAndLeftUntouched() throws {
        try DatabaseQueue(path: home.database.path).write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        }
        let before = try Data(contentsOf: home.database)
        #expect {
            try SessionStore(home: home)
        } throws: { error in
            (error as? StoreError)?.description.hasPrefix("'\(home.database.path)' is not a rehearse database") == true
        }
        #expect(try Data(contentsOf: home.database) == before)
    }

    @Test func aFolderInPlaceOfTheDatabaseIsOneLine() throws {
        try FileManager.default.createDirectory(at: home.database, withIntermediateDirectories: true)
        #expect {
            try SessionStore(home: home)
        } throws: { error in
            (error as? StoreError)?.description
                == "'\(home.database.path)' is a folder, not the sessions database; move it aside"
        }
    }

    /// Reading commands on a home the user may not write: the database is read, nothing written.
    /// Root writes through file permissions, so as root the home is put on a file system that is
    /// then made read-only (as on a read-only backup disk); otherwise the file's mode does it.
    @Test func aReadOnlyDatabaseIsStillRead() throws {
        var readOnlyHome = home
        var mountPoint: String?
        if getuid() == 0 {
            let point = scratch.url.appendingPathComponent("read-only-disk").path
            try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
            let mount = try ChildProcess.run("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", point])
            try #require(mount.status == 0, "\(mount.standardError)")
            mountPoint = point
            readOnlyHome = PracticeHome(folder: URL(fileURLWithPath: point))
        }
        defer { if let mountPoint { _ = try? ChildProcess.run("umount", [mountPoint]) } }
        do {
            let store = try SessionStore(home: readOnlyHome)
            _ = try store.startSession(id: "20261127-090000", at: Date(), deck: nil)
        }
        if let mountPoint {
            let remount = try ChildProcess.run("mount", ["-o", "remount,ro", mountPoint])
            try #require(remount.status == 0, "\(remount.standardError)")
        } else {
            chmod(readOnlyHome.database.path, 0o444)
        }
        defer { chmod(readOnlyHome.database.path, 0o644) }
        try #require(access(readOnlyHome.database.path, W_OK) != 0)
        let reader = try SessionStore(home: readOnlyHome, readOnly: true)
        #expect(!reader.isWritable)
        #expect(try reader.sessions().map(\.id) == ["20261127-090000"])
        #expect(throws: StoreError.self) { _ = try SessionStore(home: readOnlyHome) }
    }

    @Test func sessionIdsWithASuffixAreSessionIds() {
        #expect(SessionID.date(from: "20261127-090000-2") == SessionID.date(from: "20261127-090000"))
        #expect(SessionID.date(from: "20261127-090000-1") == nil)
        #expect(SessionID.date(from: "20261127-090000-02") == nil)
        #expect(SessionID.date(from: "20261127-090000-x") == nil)
        #expect(SessionID.date(from: "holiday") == nil)
    }
}
