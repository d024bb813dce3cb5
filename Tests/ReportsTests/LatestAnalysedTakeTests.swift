import Foundation
import GRDB
import Testing

@testable import Analysis
@testable import Reports
@testable import Sessions

/// "The latest analysed take of an answer" means the same thing in every output: a later take that
/// could not be analysed neither hides the answer nor replaces its figures.
@Suite struct LatestAnalysedTakeTests {
    /// Two sessions, each: a curveball, then the answer after it, then a usual answer. In the first
    /// session the answer after the curveball has take 1 analysed (6 pauses) and take 2 unreadable.
    static func store() throws -> SessionStore {
        let store = try SessionStore(writer: DatabaseQueue())
        for (index, id) in ["20261101-090000", "20261108-090000"].enumerated() {
            _ = try store.startSession(
                id: id, at: Date(timeIntervalSince1970: 1_793_000_000 + Double(index) * 604_800), deck: nil)
            for (position, (category, pauses)) in [("curveball", 9), ("situational", 6), ("motivation", 2)].enumerated()
            {
                let answer = try store.ask(
                    Prompt(id: "p\(position)", text: "Question \(position)?", category: category), in: id)
                try store.addTake(
                    to: answer.id!, number: 1, file: "\(id)-\(position)-1.wav", recordedAt: Date(), sampleRate: 16_000,
                    droppedFrames: 0, duration: 40, analysis: .success(CurveballRecoveryTests.analysis(pauses: pauses)))
                if index == 0 && position == 1 {
                    try store.addTake(
                        to: answer.id!, number: 2, file: "\(id)-\(position)-2.wav", recordedAt: Date(),
                        sampleRate: 16_000,
                        droppedFrames: 0, duration: 3,
                        analysis: .failure(StoreError("cannot read: the file holds no audio")))
                }
            }
        }
        return store
    }

    @Test func anUnreadableRetakeLeavesTheAnswerInEveryOutput() throws {
        let store = try Self.store()

        // report and sessions: all three answers of the first session count, with take 1's figures.
        let summaries = try store.sessionSummaries()
        #expect(summaries.map(\.answers) == [3, 3])
        #expect(summaries[0].speakingTime == summaries[1].speakingTime)

        // The curveball ratio: the answer after the curveball (6 pauses) against the usual one (2),
        // in seconds paused per minute: (60 × 3 / 33) / (60 × 1 / 31) = 2.82.
        let recovery = try store.curveballRecovery()
        #expect(recovery.count == 2)
        #expect(recovery.map { $0.ratio.map { ($0 * 100).rounded() / 100 } } == [2.82, 2.82])

        // compare: the summary and the pairs agree, and the pair uses take 1.
        let pairs = try SessionComparison.pairs(store: store, first: "20261101-090000", second: "20261108-090000")
        #expect(pairs.map(\.promptId) == ["p0", "p1", "p2"])
        #expect(pairs[1].first.pauseCount == 6)
        let comparison = SessionComparison(first: summaries[0], second: summaries[1], pairs: pairs)
        #expect(comparison.table().contains("p1: "))

        // The HTML page: every answer of both sessions, take 1 for the one with the failed retake.
        let latest = try store.latestAnalysedTakes()
        #expect(latest.count == 6)
        #expect(latest.first { $0.session.id == "20261101-090000" && $0.answer.position == 2 }?.take.number == 1)
        let report = ProgressReport(
            sessions: summaries, measures: Measure.all, recovery: recovery, timeZone: TimeZone(identifier: "UTC")!)
        let html = HTMLReport(report: report, answers: latest, hesitations: try store.hesitationsByTake()) { $0.file }
            .render()
        #expect(html.components(separatedBy: "<article class=\"answer\"").count - 1 == 6)
        #expect(html.contains("src=\"20261101-090000-1-1.wav\""))
        #expect(!html.contains("20261101-090000-1-2.wav"))
    }

    @Test func exportListsEveryTakeFailedOnesIncluded() throws {
        let rows = AnswerExport.table(try Self.store().exportRows()).jsonRows()
        #expect(rows.count == 7)
        let failed = rows.filter { row in
            if case .string = row["analysisError"] { return true }
            return false
        }
        #expect(failed.count == 1)
    }

    /// The HTML page shows every analysed take of an answer, the latest first.
    @Test func theHTMLPageShowsEveryTakeLatestFirst() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261101-090000", at: Date(timeIntervalSince1970: 1_793_000_000), deck: nil)
        let answer = try store.ask(Prompt(id: "p", text: "Question?", category: "situational"), in: "20261101-090000")
        for number in 1...2 {
            try store.addTake(
                to: answer.id!, number: number, file: "take\(number).wav", recordedAt: Date(), sampleRate: 16_000,
                droppedFrames: 0, duration: 40, analysis: .success(CurveballRecoveryTests.analysis(pauses: number)))
        }
        let report = ProgressReport(sessions: try store.sessionSummaries(), timeZone: TimeZone(identifier: "UTC")!)
        let html = HTMLReport(
            report: report, answers: try store.exportRows(), hesitations: try store.hesitationsByTake()
        ) {
            $0.file
        }
        .render()
        let latest = try #require(html.range(of: "take 2 (latest): "))
        let earlier = try #require(html.range(of: "take 1: "))
        #expect(latest.lowerBound < earlier.lowerBound)
        #expect(html.components(separatedBy: "<audio").count - 1 == 2)
    }
}
