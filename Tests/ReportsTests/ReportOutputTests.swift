import Foundation
import GRDB
import Testing

@testable import Analysis
@testable import Reports
@testable import Sessions

/// Golden tests: a fixed store, and the exact table, JSON and CSV it must give.
@Suite struct ReportOutputTests {
    static func store() throws -> SessionStore {
        let store = try SessionStore(writer: DatabaseQueue())
        let prompt = Prompt(
            id: "first-90-days", text: "What would you do in your first 90 days?", category: "situational")
        for (index, longest) in [3.0, 2.0, 1.0].enumerated() {
            let id = "2026110\(index + 1)-090000"
            // 2026-11-05 09:00 UTC, weekly
            let date = Date(timeIntervalSince1970: 1_793_869_200 + Double(index) * 7 * 86_400)
            _ = try store.startSession(id: id, at: date, deck: "situational")
            let answer = try store.ask(prompt, in: id)
            let pauses = [TimeSpan(start: 5, end: 5 + longest), TimeSpan(start: 12, end: 12.5)]
            let runs = [
                TimeSpan(start: 2, end: 5), TimeSpan(start: 5 + longest, end: 12), TimeSpan(start: 12.5, end: 20),
            ]
            let metrics = FluencyMetrics(
                duration: 21, runs: runs, pauses: pauses, syllables: Array(repeating: 1, count: 60), minimumPause: 0.25)
            let analysis = AnswerAnalysis(
                duration: 21, sampleRate: 16_000, runs: runs, pauses: pauses, syllableNuclei: [], metrics: metrics,
                settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)
            try store.addTake(
                to: answer.id!, number: 1, file: "\(id).wav", recordedAt: date, sampleRate: 16_000, droppedFrames: 0,
                duration: 21, analysis: .success(analysis))
            try store.annotate(answer: answer.id!, note: nil, rating: index + 2)
        }
        return store
    }

    /// Worked by hand: speaking time 14.5 / 15.5 / 16.5 s (runs 2–5, 5+L–12, 12.5–20 s); two pauses
    /// each, so 8.28 / 7.74 / 7.27 per minute (slope −0.50 per week, −12 %); mean pause (L + 0.5) / 2;
    /// speaking share over the 18 s from first to last word; 60 syllables / 18 s = 3.3 per second.
    @Test func tableShowsSessionsAndTrends() throws {
        let report = ProgressReport(
            sessions: try Self.store().sessionSummaries(), timeZone: TimeZone(identifier: "UTC")!)
        #expect(
            report.table() == """
                date              ans  start s  p/min  mean s  max s  spk %  syll/s  conf
                2026-11-05 09:00    1      2.0    8.3    1.75    3.0     81     3.3   2.0
                2026-11-12 09:00    1      2.0    7.7    1.25    2.0     86     3.3   3.0
                2026-11-19 09:00    1      2.0    7.3    0.75    1.0     92     3.3   4.0

                trend over 3 sessions (change: your last 1 against your first 1):
                  time to start      ▄▄▄          unchanged +0 %, +0.00 s a week
                  pauses per minute  █▄▁          improved  -12 %, -0.50 /min a week
                  time in pauses     █▄▁          improved  -57 %, -3.33 s/min a week
                  mean pause         █▄▁          improved  -57 %, -0.50 s a week
                  longest pause      █▄▁          improved  -67 %, -1.00 s a week
                  speaking share     ▁▄█          improved  +14 %, +0.06 a week
                  speech rate        ▄▄▄          unchanged +0 %, +0.00 syll/s a week
                  confidence         ▁▄█          improved  +100 %, +1.00 /5 a week
                Better: pauses per minute, time in pauses, mean pause, longest pause, speaking
                share, confidence.

                """)
        // A wide terminal gets every column with its full heading.
        let wide = report.table(width: 140).split(separator: "\n")
        #expect(
            wide.first
                == "date              answers  speaking s  start s  pauses/min  mean pause s  longest s  speaking %  syll/s  confidence  paused s/min"
        )
        #expect(report.table().split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func jsonCarriesEveryNumber() throws {
        let report = ProgressReport(sessions: try Self.store().sessionSummaries())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.count == 3)
        #expect(
            Set(sessions[0].keys) == [
                "session", "startedAt", "answers", "speakingTime", "meanLatency", "pausesPerMinute", "meanPause",
                "longestPause", "phonationTimeRatio", "speechRate", "rating", "pauseTimePerMinute",
                "filledPausesPerMinute", "freezesPerAnswer",
            ])
        // Measured before filled pauses were looked for: unknown, not zero.
        #expect(sessions[0]["filledPausesPerMinute"] is NSNull && sessions[0]["freezesPerAnswer"] is NSNull)
        #expect(sessions[0]["longestPause"] as? Double == 3)
        #expect(sessions[2]["rating"] as? Double == 4)
        let trends = try #require(object["trends"] as? [[String: Any]])
        let longest = try #require(trends.first { $0["measure"] as? String == "longestPause" })
        #expect(longest["direction"] as? String == "improved")
        #expect(longest["slopePerWeek"] as? Double == -1)
    }

    /// A session's filled pauses per minute count only the answers in which they were looked for:
    /// 3 filled pauses over 30 s of speaking time is 6 per minute, whatever an older answer (20 s of
    /// speech, not looked at) holds; freezes per answer likewise. The column then shows in the table.
    @Test func filledPausesAreSummarisedWhereTheyWereLookedFor() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        let date = Date(timeIntervalSince1970: 1_793_869_200)
        _ = try store.startSession(id: "20261105-090000", at: date, deck: nil)
        for (index, filled) in [
            nil, [TimeSpan(start: 3, end: 3.5), TimeSpan(start: 9, end: 9.4), TimeSpan(start: 20, end: 21)],
        ]
        .enumerated() {
            let prompt = Prompt(id: "prompt-\(index)", text: "Question \(index)?", category: "general")
            let answer = try store.ask(prompt, in: "20261105-090000")
            let runs = [TimeSpan(start: 1, end: 1 + (filled == nil ? 20 : 30))]
            let metrics = FluencyMetrics(
                duration: 32, runs: runs, pauses: [], filledPauses: filled, syllables: [],
                freezes: filled == nil ? nil : [TimeSpan(start: 20, end: 22.5)], minimumPause: 0.25,
                filledPauseStability: filled == nil ? nil : 10, freezeThreshold: 2)
            let analysis = AnswerAnalysis(
                duration: 32, sampleRate: 16_000, runs: runs, pauses: [],
                filledPauses: (filled ?? []).map { FilledPause(span: $0, confidence: 0.5) }, syllableNuclei: [],
                metrics: metrics, settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)
            try store.addTake(
                to: answer.id!, number: 1, file: "\(index).wav", recordedAt: date, sampleRate: 16_000,
                droppedFrames: 0, duration: 32, analysis: .success(analysis))
        }
        let summary = try #require(try store.sessionSummaries().first)
        #expect(summary.filledPausesPerMinute == 6)
        // Freezes per answer likewise: one freeze in the one answer where they were counted.
        #expect(summary.freezesPerAnswer == 1)
        let report = ProgressReport(sessions: [summary], timeZone: TimeZone(identifier: "UTC")!)
        #expect(report.table(width: 160).split(separator: "\n").first?.hasSuffix("um/min  freezes") == true)
        // The segments are stored for the timelines: three filled pauses, in order.
        let marks = try #require(try store.hesitationsByTake().values.first { !$0.isEmpty })
        #expect(marks.filter { $0.kind == .filledPause }.map(\.start) == [3, 9, 20])
    }

    @Test func csvHasTheSessionsThenTheTrends() throws {
        let csv = ProgressReport(sessions: try Self.store().sessionSummaries()).csv()
        let blocks = csv.components(separatedBy: "\n\n")
        #expect(blocks.count == 2)
        #expect(blocks[0].split(separator: "\n").count == 4)
        #expect(
            blocks[0].split(separator: "\n")[1]
                == "20261101-090000,2026-11-05T09:00:00Z,1,14.5,2.0,8.276,1.75,3.0,0.806,3.333,2.0,11.667,,")
        #expect(
            blocks[1].hasPrefix(
                "measure,direction,sessions,change,windowSessions,slopePerWeek\nmeanLatency,unchanged,3,0.0,1,0.0\n"))
    }

    @Test func anEmptyStoreSaysSoAndOneSessionIsTooFewToTell() throws {
        #expect(
            ProgressReport(sessions: []).table()
                == "No analysed answers yet for this report. Practise with: rehearse practice\n")
        let one = ProgressReport(sessions: Array(try Self.store().sessionSummaries().prefix(1)))
        #expect(one.trends.allSatisfy { $0.direction == .tooFewSessions })
        #expect(one.table().contains("too few sessions to tell (1 of 3)"))
    }

    @Test func sessionsWhoseAnalysisFailedAreLeftOutQuietly() throws {
        let store = try Self.store()
        _ = try store.startSession(id: "20261201-090000", at: Date(timeIntervalSince1970: 1_796_000_000), deck: nil)
        let answer = try store.ask(Prompt(id: "x", text: "?", category: "personal"), in: "20261201-090000")
        try store.addTake(
            to: answer.id!, number: 1, file: "broken.wav", recordedAt: Date(), sampleRate: 16_000, droppedFrames: 0,
            duration: 3, analysis: .failure(StoreError("cannot read 'broken.wav'")))
        let summaries = try store.sessionSummaries()
        #expect(summaries.map(\.session) == ["20261101-090000", "20261102-090000", "20261103-090000"])
        #expect(try store.exportRows().last?.take.analysisError == "cannot read 'broken.wav'")
    }

    @Test func compareCSVCarriesThePairsToo() throws {
        let store = try Self.store()
        let summaries = try store.sessionSummaries()
        let pairs = try SessionComparison.pairs(store: store, first: summaries[0].session, second: summaries[2].session)
        let csv = SessionComparison(first: summaries[0], second: summaries[2], pairs: pairs).csv()
        #expect(
            csv.contains(
                "\n\npromptId,firstPausesPerMinute,secondPausesPerMinute,firstLongestPause,secondLongestPause,firstLatency,secondLatency\nfirst-90-days,8.276,7.273,3.0,1.0,2.0,2.0\n"
            ))
    }

    @Test func filtersNarrowTheSessions() throws {
        let store = try Self.store()
        let since = Date(timeIntervalSince1970: 1_793_869_200 + 86_400)
        #expect(try store.sessionSummaries(ReportFilter(since: since)).count == 2)
        #expect(try store.sessionSummaries(ReportFilter(promptId: "other")).isEmpty)
        #expect(try store.sessionSummaries(ReportFilter(deck: "situational")).count == 3)
    }

    @Test func comparisonPairsAnswersByPrompt() throws {
        let store = try Self.store()
        let summaries = try store.sessionSummaries()
        let pairs = try SessionComparison.pairs(store: store, first: summaries[0].session, second: summaries[2].session)
        #expect(pairs.map(\.promptId) == ["first-90-days"])
        let table = SessionComparison(first: summaries[0], second: summaries[2], pairs: pairs).table()
        #expect(table.contains("longest pause (s)                    3.00             1.00   -2.00  better"))
        #expect(table.contains("pauses per minute (/min)             8.28             7.27   -1.00  better"))
        #expect(table.contains("speaking share (0–1)                 0.81             0.92   +0.11  better"))
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(table.contains("first-90-days: 8.3 → 7.3 /min, 3.0 → 1.0 s"))
    }
}
