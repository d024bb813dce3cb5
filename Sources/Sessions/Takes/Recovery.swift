import AudioIO
import Foundation

/// Finds audio under `Recordings/` that the database does not know (a crash, a kill, a power cut
/// while recording) and imports it: analysed, with its session and answer rebuilt from its name.
/// A file whose writer is still at work (it holds the file's `TakeLock`) is left alone.
public enum Recovery {
    public struct Report: Sendable {
        /// Files imported, relative to the home folder.
        public var imported: [String] = []
        /// Files that are not rehearse's, or could not be imported, with the reason; left as they are.
        public var skipped: [(file: String, reason: String)] = []
        /// Files another process is still writing: not touched.
        public var inProgress: [String] = []

        public init() {}
    }

    /// Take files under `Recordings/` that have no database row, relative to the home folder.
    static func orphans(home: PracticeHome, known: Set<String>) -> [String] {
        let manager = FileManager.default
        let folders = ((try? manager.contentsOfDirectory(atPath: home.recordings.path)) ?? []).sorted()
        return folders.filter { SessionID.date(from: $0) != nil }.flatMap { folder in
            ((try? manager.contentsOfDirectory(atPath: home.recordings.appendingPathComponent(folder).path)) ?? [])
                .sorted()
                .filter { $0.hasSuffix(".wav") || $0.hasSuffix(".flac") }
                .map { "Recordings/\(folder)/\($0)" }
                .filter { !known.contains($0) }
        }
    }

    /// Imports every orphan take file; the decks (loaded only when an orphan is found) give
    /// recovered answers their wording.
    public static func importOrphans(home: PracticeHome, store: SessionStore, decks: () -> [Deck]) throws -> Report {
        var report = Report()
        let candidates = orphans(home: home, known: try store.recordedFiles())
        guard !candidates.isEmpty else { return report }
        let allDecks = decks()
        let prompts = Dictionary(
            allDecks.flatMap(\.prompts).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for relative in candidates {
            guard let take = TakeFile(relativePath: relative) else {
                report.skipped.append((relative, "not named like a rehearse take"))
                continue
            }
            guard let lock = TakeLock(existing: home.url(of: relative).path) else {
                report.inProgress.append(relative)
                continue
            }
            // The writer may have stored it between the listing and the lock.
            if try store.hasTake(file: relative) { continue }
            do {
                try importTake(take, home: home, store: store, prompt: prompts[take.promptId])
                report.imported.append(relative)
            } catch {
                report.skipped.append((relative, "\(error)"))
            }
            lock.release()
        }
        return report
    }

    private static func importTake(_ take: TakeFile, home: PracticeHome, store: SessionStore, prompt: Prompt?) throws {
        let url = home.url(of: take.relativePath)
        try AudioFileReader(path: url.path).close()  // Unreadable audio creates no session or answer.
        let started = SessionID.date(from: take.session) ?? Date()
        _ = try store.startSession(id: take.session, at: started, deck: nil)
        let answer =
            try store.answer(in: take.session, at: take.position)
            ?? store.ask(
                prompt ?? Prompt(id: take.promptId, text: "(prompt \(take.promptId), recovered)", category: "unknown"),
                in: take.session, at: take.position)
        let modified =
            (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
        _ = try store.file(RecordedTake(file: take, recordedAt: modified), answer: answer.id!, home: home)
    }
}

extension SessionStore {
    /// Opens the store of `home` and recovers what a crash left behind: every command that opens
    /// the store goes through here, so "the next command finds the recording" holds everywhere.
    /// A database the user may not write (read-only commands only) is read as it is, unrecovered.
    /// - Parameter decks: loaded only if an orphan needs its prompt's wording.
    public static func open(
        home: PracticeHome, readOnly: Bool = false, decks: () -> [Deck]
    ) throws -> (SessionStore, Recovery.Report) {
        let store = try SessionStore(home: home, readOnly: readOnly)
        guard store.isWritable else { return (store, Recovery.Report()) }
        return (store, try Recovery.importOrphans(home: home, store: store, decks: decks))
    }
}
