import Analysis
import AudioIO
import Foundation

/// Finds audio under `Recordings/` that the database does not know (a crash, a kill, a power cut
/// while recording) and imports it: analysed, with its session and answer rebuilt from its name.
public enum Recovery {
    public struct Report: Sendable {
        /// Files imported, relative to the home folder.
        public var imported: [String] = []
        /// Files that are not rehearse's, or could not be imported, with the reason; left as they are.
        public var skipped: [(file: String, reason: String)] = []
    }

    public static func importOrphans(home: PracticeHome, store: SessionStore, decks: [Deck]) throws -> Report {
        var report = Report()
        let known = try store.recordedFiles()
        let prompts = Dictionary(decks.flatMap(\.prompts).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: home.recordings.path)) ?? []).sorted()
        for folder in folders where SessionID.date(from: folder) != nil {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: home.recordings.appendingPathComponent(folder).path)) ?? []).sorted()
            for name in files where name.hasSuffix(".wav") || name.hasSuffix(".flac") {
                let relative = "Recordings/\(folder)/\(name)"
                guard !known.contains(relative) else { continue }
                guard let take = TakeFile(relativePath: relative) else {
                    report.skipped.append((relative, "not named like a rehearse take"))
                    continue
                }
                do {
                    try importTake(take, home: home, store: store, prompt: prompts[take.promptId])
                    report.imported.append(relative)
                } catch {
                    report.skipped.append((relative, "\(error)"))
                }
            }
        }
        return report
    }

    private static func importTake(_ take: TakeFile, home: PracticeHome, store: SessionStore, prompt: Prompt?) throws {
        let url = home.url(of: take.relativePath)
        let reader = try AudioFileReader(path: url.path)
        let sampleRate = reader.sampleRate, duration = reader.duration
        reader.close()
        let started = SessionID.date(from: take.session) ?? Date()
        _ = try store.startSession(id: take.session, at: started, deck: nil)
        let answer = try store.answer(in: take.session, at: take.position)
            ?? store.ask(prompt ?? Prompt(id: take.promptId, text: "(prompt \(take.promptId), recovered)", category: "unknown"),
                         in: take.session, at: take.position)
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
        let analysis = Result<AnswerAnalysis, any Error> { try RecordingAnalysis.analyze(file: url.path) }
        try store.addTake(to: answer.id!, number: take.take, file: take.relativePath, recordedAt: modified,
                          sampleRate: sampleRate, droppedFrames: 0, duration: duration, analysis: analysis)
    }
}
