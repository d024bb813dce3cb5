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
        // 30 s of speech per answer and pauses of 0.5 s, so n pauses are 60 × 0.5n / (30 + 0.5n) seconds
        // paused per minute: 2 pauses 1.935, and 6, 4, 2 pauses 5.455, 3.750, 1.935.
        func rounded(_ values: [Double]) -> [Double] { values.map { ($0 * 1000).rounded() / 1000 } }
        #expect(rounded(recovery.map(\.baseline)) == [1.935, 1.935, 1.935])
        #expect(rounded(recovery.map(\.afterCurveball)) == [5.455, 3.75, 1.935])
        #expect(rounded(recovery.compactMap(\.ratio)) == [2.818, 1.938, 1])
        let report = ProgressReport(
            sessions: try store.sessionSummaries(), recovery: recovery, timeZone: TimeZone(identifier: "UTC")!)
        #expect(report.recoveryTrend.direction == .improved)
        // 1 793 000 000 s = 2026-10-26 07:33:20 UTC
        #expect(report.table().contains("  2026-10-26 07:33    5.5     1.9     2.82"))
        #expect(report.table().contains("  trend: improved, -65 %"))
    }

    /// As many pauses after the curveball as in the other answers, but three times as long: a pause
    /// count says 1.00×, the time in pauses says what a listener hears.
    @Test func longerPausesAfterACurveballCountEvenWhenThereAreNoMore() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261101-090000", at: Date(), deck: nil)
        for (position, (category, pauseLength)) in [("situational", 0.5), ("curveball", 0.5), ("situational", 1.5)]
            .enumerated()
        {
            let pauses = (0..<4).map { TimeSpan(start: 5 + Double($0) * 7, end: 5 + Double($0) * 7 + pauseLength) }
            var runs: [TimeSpan] = []
            var start = 1.0
            for pause in pauses {
                runs.append(TimeSpan(start: start, end: pause.start))
                start = pause.end
            }
            runs.append(TimeSpan(start: start, end: start + 4))
            let metrics = FluencyMetrics(duration: 40, runs: runs, pauses: pauses, syllables: [], minimumPause: 0.25)
            let analysis = AnswerAnalysis(
                duration: 40, sampleRate: 16_000, runs: runs, pauses: pauses, syllableNuclei: [], metrics: metrics,
                settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)
            let answer = try store.ask(Prompt(id: "p\(position)", text: "?", category: category), in: "20261101-090000")
            try store.addTake(
                to: answer.id!, number: 1, file: "\(position).wav", recordedAt: Date(), sampleRate: 16_000,
                droppedFrames: 0, duration: 40, analysis: .success(analysis))
        }
        let ratio = try #require(try store.curveballRecovery().first?.ratio)
        // Pauses at 5, 12, 19 and 26 s, speech around them: 29 − 3 × 1.5 = 24.5 s of speech and
        // 6 s paused after the curveball, 27.5 s and 2 s in the other answer:
        // 6 × 60 / 30.5 = 11.80 against 2 × 60 / 29.5 = 4.07 seconds per minute, 2.90×.
        #expect(abs(ratio - (360 / 30.5) / (120 / 29.5)) < 1e-9)
        let byCount = 1.0  // 4 pauses in both: what the pause count would have said
        #expect(ratio > byCount * 2.5)
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
