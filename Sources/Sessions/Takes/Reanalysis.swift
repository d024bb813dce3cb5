import Analysis
import AudioIO
import FileAnalysis
import Foundation
import GRDB

extension SessionStore {
    /// What `reanalyse` did.
    public struct Reanalysis: Sendable {
        /// Takes measured again with the current detector.
        public var updated = 0
        /// Takes whose audio could not be read; they keep their old measures.
        public var failed: [(file: String, reason: String)] = []
    }

    /// Measures again, with the current detector, every take that an older detector measured, so
    /// that old and new results can be compared; each with its own settings (an answer recorded with
    /// `--no-fillers` stays without filled pauses). Each take is updated in its own transaction (its
    /// measures, verdict, version and segments together); a take whose audio cannot be read keeps its
    /// old measures and is reported.
    /// - Parameter progress: called with (takes done, takes to do).
    public func reanalyse(home: PracticeHome, progress: (Int, Int) -> Void = { _, _ in }) throws -> Reanalysis {
        let current = AnswerAnalysis.detectorVersion
        let stale = try databaseReader.read { db in
            try Take.filter(Column("detectorVersion") < current).order(Column("id")).fetchAll(db)
        }
        var result = Reanalysis()
        for (index, old) in stale.enumerated() {
            progress(index, stale.count)
            let analysis: AnswerAnalysis
            do {
                analysis = try RecordingAnalysis.analyze(
                    file: home.url(of: old.file).path, settings: old.settingsToMeasureAgain)
            } catch {
                result.failed.append((old.file, error.reason))
                continue
            }
            var take = old
            take.record(analysis)
            try databaseWriter.write { db in
                try take.update(db)
                try Segment.filter(Column("takeId") == take.id!).deleteAll(db)
                try Segment.insert(analysis, for: take.id!, db)
            }
            result.updated += 1
        }
        progress(stale.count, stale.count)
        return result
    }
}
