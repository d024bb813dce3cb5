import Foundation
import GRDB
import Testing

@testable import Analysis
@testable import Reports
@testable import Sessions

/// Hesitation right after a curveball against the same session's other answers.
@Suite struct CurveballRecoveryTests {
    /// An analysed answer with `pauses` pauses of 0.5 s in 30 s of speech.
    static func analysis(pauses count: Int) -> AnswerAnalysis {
        let pauses = (0..<count).map { TimeSpan(start: 2 + Double($0) * 5, end: 2.5 + Double($0) * 5) }
        var runs: [TimeSpan] = []
        var start = 1.0
        for pause in pauses {
            runs.append(TimeSpan(start: start, end: pause.start))
            start = pause.end
        }
        runs.append(TimeSpan(start: start, end: 1 + 30 + Double(count) * 0.5))
        let metrics = FluencyMetrics(duration: 40, runs: runs, pauses: pauses, syllables: [], minimumPause: 0.25)
        return AnswerAnalysis(
            duration: 40, sampleRate: 16_000, runs: runs, pauses: pauses, syllableNuclei: [], metrics: metrics,
            settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)
    }

    @Test func pausesAfterACurveballAreComparedWithTheSessionsOtherAnswers() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        // Each session: usual answer (2 pauses), curveball (9 pauses, ignored), answer after it, usual answer (2 pauses).
        for (index, afterPauses) in [6, 4, 2].enumerated() {
            let id = "2026110\(index + 1)-090000"
            _ = try store.startSession(
                id: id, at: Date(timeIntervalSince1970: 1_793_000_000 + Double(index) * 604_800), deck: nil)
            for (position, (category, pauses)) in [
                ("situational", 2), ("curveball", 9), ("situational", afterPauses), ("motivation", 2),
            ].enumerated() {
                let answer = try store.ask(Prompt(id: "p\(position)", text: "?", category: category), in: id)
                try store.addTake(
                    to: answer.id!, number: 1, file: "\(id)-\(position).wav", recordedAt: Date(), sampleRate: 16_000,
                    droppedFrames: 0, duration: 40, analysis: .success(Self.analysis(pauses: pauses)))
            }
        }
        let recovery = try store.curveballRecovery()
        #expect(recovery.count == 3)
        // 30 s of speech per answer: 2 pauses = 4 per minute; 6, 4, 2 pauses = 12, 8, 4 per minute.
        #expect(recovery.map(\.baseline) == [4, 4, 4])
        #expect(recovery.map(\.afterCurveball) == [12, 8, 4])
        #expect(recovery.compactMap(\.ratio) == [3, 2, 1])
        let report = ProgressReport(
            sessions: try store.sessionSummaries(), recovery: recovery, timeZone: TimeZone(identifier: "UTC")!)
        #expect(report.recoveryTrend.direction == .improved)
        // 1 793 000 000 s = 2026-10-26 07:33:20 UTC
        #expect(report.table().contains("  2026-10-26 07:33   12.0     4.0     3.00"))
        #expect(report.table().contains("  trend: improved, -67 %"))
    }

    @Test func sessionsWithoutACurveballAreLeftOut() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261101-090000", at: Date(), deck: nil)
        let answer = try store.ask(Prompt(id: "p", text: "?", category: "situational"), in: "20261101-090000")
        try store.addTake(
            to: answer.id!, number: 1, file: "a.wav", recordedAt: Date(), sampleRate: 16_000, droppedFrames: 0,
            duration: 40,
            analysis: .success(Self.analysis(pauses: 2)))
        #expect(try store.curveballRecovery().isEmpty)
    }
}
