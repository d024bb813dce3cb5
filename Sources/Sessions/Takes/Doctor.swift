import Analysis
import AudioIO
import Foundation
import GRDB

/// Checks that the database and the recordings agree, and that both are sound.
public enum Doctor {
    /// What a check found.
    public struct Findings: Sendable {
        /// The database's own integrity check, when it reports damage (empty when sound).
        public var databaseDamage: [String] = []
        /// Takes whose audio file is gone, relative paths: `--repair` removes these rows.
        public var missingAudio: [String] = []
        /// Takes whose audio is there but cannot be read or decoded, with the reason: kept, since
        /// the file may still be rescued (permissions, a disk that comes back).
        public var unreadableAudio: [(file: String, reason: String)] = []
        /// Sessions with no recorded take at all.
        public var emptySessions: [String] = []
        /// Takes checked.
        public var takes = 0
        /// Takes measured by an older version of the detector.
        public var staleTakes = 0

        public var isHealthy: Bool { databaseDamage.isEmpty && missingAudio.isEmpty && unreadableAudio.isEmpty }
    }

    /// Runs every check: the database's integrity, then each take's audio file (it must exist and
    /// decode from start to end).
    /// - Parameter progress: called with (takes checked, takes in all).
    public static func check(
        home: PracticeHome, store: SessionStore, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Findings {
        var findings = Findings()
        findings.databaseDamage = try store.integrityProblems()
        guard findings.databaseDamage.isEmpty else { return findings }
        let files = try store.recordedFiles().sorted()
        findings.takes = files.count
        for (index, file) in files.enumerated() {
            progress(index, files.count)
            let path = home.url(of: file).path
            var info = stat()
            if stat(path, &info) != 0 {
                if errno == ENOENT {
                    findings.missingAudio.append(file)
                } else {
                    findings.unreadableAudio.append((file, String(cString: strerror(errno))))
                }
                continue
            }
            do {
                let reader = try AudioFileReader(path: path)
                try reader.forEachMonoChunk { _ in }
            } catch {
                findings.unreadableAudio.append((file, error.reason))
            }
        }
        progress(files.count, files.count)
        findings.emptySessions = try store.sessionsWithoutTakes()
        findings.staleTakes = try store.databaseReader.read { db in
            try Take.filter(Column("detectorVersion") < AnswerAnalysis.detectorVersion).fetchCount(db)
        }
        return findings
    }
}

extension SessionStore {
    /// SQLite's `PRAGMA integrity_check`, as lines; empty when the database is sound.
    func integrityProblems() throws -> [String] {
        try databaseReader.read { db in
            let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            return lines == ["ok"] ? [] : lines
        }
    }

    /// Sessions that hold no take (a practice that failed before recording, an interrupted import).
    public func sessionsWithoutTakes() throws -> [String] {
        try databaseReader.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT session.id FROM session
                    WHERE NOT EXISTS (SELECT 1 FROM answer JOIN take ON take.answerId = answer.id WHERE answer.sessionId = session.id)
                    ORDER BY session.startedAt
                    """)
        }
    }
}
