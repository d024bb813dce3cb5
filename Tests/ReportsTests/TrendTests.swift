import Foundation
import Testing

@testable import Reports
@testable import Sessions

/// Trend maths on hand-made sessions whose slopes and changes are known.
@Suite struct TrendTests {
    static let day = 86_400.0
    static let start = Date(timeIntervalSince1970: 1_793_000_000)

    /// Sessions one week apart whose pauses per minute fall by 2 each week: 20, 18, 16, 14, 12, 10.
    static func weekly(_ values: [Double?]) -> [SessionSummary] {
        values.enumerated().map { index, value in
            SessionSummary(
                session: "s\(index)", startedAt: start.addingTimeInterval(Double(index) * 7 * day), answers: 2,
                speakingTime: 60, meanLatency: 2, pausesPerMinute: value, meanPause: 0.8, longestPause: 2,
                phonationTimeRatio: 0.7, speechRate: 3.5, rating: nil)
        }
    }

    let pauses = Measure.named("pausesPerMinute")!
    let rate = Measure.named("speechRate")!

    @Test func slopeAndChangeOfAKnownLine() throws {
        let trend = Trend(pauses, sessions: Self.weekly([20, 18, 16, 14, 12, 10]))
        #expect(abs(try #require(trend.slopePerWeek) - -2) < 1e-9)
        // Last three (14, 12, 10 → 12) against first three (20, 18, 16 → 18): −33.3 %.
        #expect(trend.windowSessions == 3)
        #expect(abs(try #require(trend.change) - (12 - 18) / 18.0) < 1e-12)
        #expect(trend.direction == .improved)
        #expect(trend.sparkline() == "█▇▅▄▂▁")  // (v − 10) / 10 of 8 levels: 7, 6.4, 4.8, 3.2, 1.6, 0
    }

    @Test func higherIsBetterForSpeechRate() {
        let rising = Self.weekly([10, 10, 10]).enumerated().map { index, summary -> SessionSummary in
            var copy = summary
            copy.speechRate = 3 + Double(index)
            return copy
        }
        #expect(Trend(rate, sessions: rising).direction == .improved)
        #expect(Trend(pauses, sessions: Self.weekly([10, 12, 14])).direction == .worse)
    }

    @Test func longHistoriesAreAveragedIntoTheSparklineWidth() {
        let trend = Trend(pauses, sessions: Self.weekly((0..<100).map { Double($0 < 50 ? 20 : 10) }))
        #expect(trend.sparkline(width: 4) == "██▁▁")
    }

    @Test func smallChangesAreUnchanged() {
        #expect(Trend(pauses, sessions: Self.weekly([10, 10.2, 10.1, 10.3])).direction == .unchanged)
    }

    @Test func fewerThanThreeSessionsIsTooFewToTell() {
        #expect(Trend(pauses, sessions: Self.weekly([20, 10])).direction == .tooFewSessions)
        #expect(Trend(pauses, sessions: Self.weekly([20])).slopePerWeek == nil)
        #expect(Trend(pauses, sessions: []).points.isEmpty)
    }

    @Test func sessionsWithoutTheMeasureAreSkipped() {
        let trend = Trend(pauses, sessions: Self.weekly([20, nil, 16, nil, 12]))
        #expect(trend.points.map(\.value) == [20, 16, 12])
        #expect(abs((trend.slopePerWeek ?? 0) - -2) < 1e-9)
    }

    @Test func leastSquaresMatchesAHandComputedFit() {
        // x: 0, 1, 2, 3; y: 1, 3, 2, 5 → slope = Sxy / Sxx = 5.5 / 5 = 1.1.
        #expect(abs((Trend.slope([(0, 1), (1, 3), (2, 2), (3, 5)]) ?? 0) - 1.1) < 1e-12)
        #expect(Trend.slope([(1, 1), (1, 2)]) == nil)
    }

    @Test func aChangeThatRoundsToNothingIsPlusZero() {
        #expect(ProgressReport.signedPercent(-0.001) == "+0 %")
        #expect(ProgressReport.signedPercent(0.004) == "+0 %")
        #expect(ProgressReport.signedPercent(-0.12) == "-12 %")
        #expect(ProgressReport.signedPercent(0.5) == "+50 %")
    }
}
