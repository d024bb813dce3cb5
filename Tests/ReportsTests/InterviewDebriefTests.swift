import Foundation
import GRDB
import Testing

@testable import Analysis
@testable import Reports
@testable import Sessions

/// The debrief of a mock interview, on a store whose figures are worked by hand.
@Suite struct InterviewDebriefTests {
    /// Four answers of 20 s (speech from 1 s to 19 s): before the curveball (question 3) 1 s and 2 s
    /// of pauses, the curveball 3 s, after it 4.5 s with a 3.5 s freeze at 9 s into it. Paused per
    /// minute of answering: before 60 × 3 / 36 = 5.0; after 60 × 4.5 / 18 = 15.0.
    static func store() throws -> SessionStore {
        let store = try SessionStore(writer: DatabaseQueue())
        let date = Date(timeIntervalSince1970: 1_793_869_200)
        // A week earlier, in practice, the same first-90-days question: started after 3 s, no pause.
        let earlier = date.addingTimeInterval(-7 * 86_400)
        _ = try store.startSession(id: "20261029-090000", at: earlier, deck: nil)
        let practised = try store.ask(
            Prompt(id: "first-90-days", text: "What would you do in your first 90 days?", category: "situational"),
            in: "20261029-090000")
        let before = FluencyMetrics(duration: 20, runs: [span(3, 19)], pauses: [], syllables: [], minimumPause: 0.25)
        try store.addTake(
            to: practised.id!, number: 1, file: "earlier.wav", recordedAt: earlier, sampleRate: 16_000,
            droppedFrames: 0, duration: 20,
            analysis: .success(
                AnswerAnalysis(
                    duration: 20, sampleRate: 16_000, runs: [span(3, 19)], pauses: [], syllableNuclei: [],
                    metrics: before, settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)))
        _ = try store.startSession(id: "20261105-090000", at: date, deck: nil, kind: .interview)
        let questions: [(Prompt, [TimeSpan], [TimeSpan])] = [
            (Prompt(id: "about-you", text: "Tell me about yourself.", category: "personal"), [span(5, 6)], []),
            (
                Prompt(id: "a-failure", text: "Tell me about a time you failed.", category: "behavioural"),
                [span(5, 7)], []
            ),
            (Prompt(id: "what-animal", text: "Which animal would you be?", category: "curveball"), [span(5, 8)], []),
            (
                Prompt(id: "first-90-days", text: "What would you do in your first 90 days?", category: "situational"),
                [span(9, 11), span(11.5, 13), span(15, 16)], [span(9, 13)]
            ),
        ]
        for (prompt, pauses, freezes) in questions {
            let answer = try store.ask(prompt, in: "20261105-090000")
            var runs: [TimeSpan] = []
            var start = 1.0
            for pause in pauses {
                runs.append(span(start, pause.start))
                start = pause.end
            }
            runs.append(span(start, 19))
            let metrics = FluencyMetrics(
                duration: 20, runs: runs, pauses: pauses, filledPauses: [], syllables: [], freezes: freezes,
                minimumPause: 0.25, filledPauseStability: 8, freezeThreshold: 2)
            let analysis = AnswerAnalysis(
                duration: 20, sampleRate: 16_000, runs: runs, pauses: pauses, freezes: freezes, syllableNuclei: [],
                metrics: metrics, settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)
            try store.addTake(
                to: answer.id!, number: 1, file: "\(prompt.id).wav", recordedAt: date, sampleRate: 16_000,
                droppedFrames: 0, duration: 20, analysis: .success(analysis))
        }
        return store
    }

    static func span(_ start: Double, _ end: Double) -> TimeSpan { TimeSpan(start: start, end: end) }

    @Test func namesTheWorstFreezeAndTheRecoveryAfterTheCurveball() throws {
        let debrief = try InterviewDebrief(store: Self.store(), session: "20261105-090000")
        #expect(debrief.rows.count == 4)
        let worst = try #require(debrief.worstMoment)
        #expect(worst.question == 4 && worst.isFreeze && worst.index == 1 && worst.span == Self.span(9, 13))
        let lines = debrief.text(width: 80).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        // The prose as one line, wherever it wrapped.
        let text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("Worst moment: question 4, 9 s in: 4.0 s stuck"), "\(text)")
        #expect(text.contains("rehearse play 20261105-090000 4 --freeze 1 --phone"), "\(text)")
        #expect(
            text.contains("15.0 s paused per minute in the answers that followed, against 5.0 before it"), "\(text)")
        #expect(text.contains("carried over"), "\(text)")
        // Against last time, where there is one: question 4 started after 1.0 s, a week ago after 3.0 s.
        let row = try #require(lines.first { $0.contains("What would you do in your…") })
        #expect(row.split(separator: " ").suffix(6).map(String.init) == ["1.0", "3.0", "3", "0", "1", "0"], "\(row)")
        #expect(text.contains("\"before\": the last time you answered the same question"))
    }

    @Test func withoutAFreezeTheLongestSilenceIsTheMoment() throws {
        let store = try Self.store()
        try store.databaseWriter.write { db in
            try db.execute(sql: "DELETE FROM segment WHERE kind = 'freeze'")
        }
        let worst = try #require(try InterviewDebrief(store: store, session: "20261105-090000").worstMoment)
        #expect(!worst.isFreeze && worst.question == 3 && worst.span == Self.span(5, 8) && worst.index == 1)
    }
}
