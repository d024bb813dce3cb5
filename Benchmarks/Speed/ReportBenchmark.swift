import Analysis
import Foundation
import Sessions

/// Fills a practice home with `sessions` × `answers` analysed answers (no audio: reports never
/// re-analyse it) and times the report commands on it.
enum ReportBenchmark {
    static func run(sessions: Int, answers: Int, work: String, binary: String) throws -> String {
        let homeFolder = URL(fileURLWithPath: work).appendingPathComponent("report-home-\(sessions)x\(answers)")
        let home = PracticeHome(folder: homeFolder)
        if !FileManager.default.fileExists(atPath: home.database.path) {
            _ = FileManager.default.createFile(atPath: work + "/.filling", contents: nil)
            let store = try SessionStore(home: home)
            let prompts = (0..<40).map {
                Prompt(id: "prompt-\($0)", text: "Question \($0)?", category: $0 % 5 == 0 ? "curveball" : "situational")
            }
            var random = SystemRandomNumberGenerator()
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            for index in 0..<sessions {
                let id = SessionID.make(at: start.addingTimeInterval(Double(index) * 86_400))
                _ = try store.startSession(
                    id: id, at: start.addingTimeInterval(Double(index) * 86_400), deck: "situational")
                for position in 0..<answers {
                    let answer = try store.ask(prompts[(index + position) % prompts.count], in: id)
                    let longest = Double.random(in: 0.3...3, using: &random)
                    let pauses = [
                        TimeSpan(start: 5, end: 5 + longest), TimeSpan(start: 20, end: 20.6),
                        TimeSpan(start: 40, end: 41),
                    ]
                    let runs = [
                        TimeSpan(start: 1.5, end: 5), TimeSpan(start: 5 + longest, end: 20),
                        TimeSpan(start: 20.6, end: 40), TimeSpan(start: 41, end: 58),
                    ]
                    let metrics = FluencyMetrics(
                        duration: 60, runs: runs, pauses: pauses, syllables: Array(repeating: 1, count: 200),
                        minimumPause: 0.25)
                    let analysis = AnswerAnalysis(
                        duration: 60, sampleRate: 48_000, runs: runs, pauses: pauses, syllableNuclei: [],
                        metrics: metrics,
                        settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)
                    try store.addTake(
                        to: answer.id!, number: 1,
                        file: TakeFile(session: id, position: position + 1, promptId: answer.promptId, take: 1)
                            .relativePath,
                        recordedAt: Date(), sampleRate: 48_000, droppedFrames: 0, duration: 60,
                        analysis: .success(analysis))
                }
            }
        }
        func time(_ arguments: [String]) -> Double {
            (0..<3).map { _ in
                let started = DispatchTime.now().uptimeNanoseconds
                _ = runProcess(binary, arguments + ["--home", homeFolder.path])
                return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            }.min()!
        }
        let version = time(["--version"])
        let table = time(["report"])
        let json = time(["report", "--format", "json"])
        let html = time(["report", "--format", "json", "--html", work + "/report.html"])
        return """
            | command on \(sessions) sessions × \(answers) answers | seconds (best of 3) | target |
            |---|---|---|
            | `rehearse --version` (process start, the peer) | \(String(format: "%.3f", version)) | |
            | `rehearse report` | \(String(format: "%.3f", table)) | < 0.5 |
            | `rehearse report --format json` | \(String(format: "%.3f", json)) | < 0.5 |
            | `rehearse report --html FILE` (plus JSON) | \(String(format: "%.3f", html)) | < 2 |
            """
    }
}
