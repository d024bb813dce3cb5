import Foundation
import Sessions

/// A number tracked across sessions, and which way is better.
public struct Measure: Sendable {
    /// JSON/CSV name.
    public let key: String
    /// Words for the table.
    public let label: String
    public let unit: String
    public let lowerIsBetter: Bool
    public let value: @Sendable (SessionSummary) -> Double?

    /// The hesitation measures a report follows, in the order it shows them.
    public static let all: [Measure] = [
        Measure(key: "meanLatency", label: "time to start", unit: "s", lowerIsBetter: true) { $0.meanLatency },
        Measure(key: "pausesPerMinute", label: "pauses per minute", unit: "/min", lowerIsBetter: true) {
            $0.pausesPerMinute
        },
        Measure(key: "pauseTimePerMinute", label: "time in pauses", unit: "s/min", lowerIsBetter: true) {
            $0.pauseTimePerMinute
        },
        Measure(key: "filledPausesPerMinute", label: "um/uh per minute", unit: "/min", lowerIsBetter: true) {
            $0.filledPausesPerMinute
        },
        Measure(key: "freezesPerAnswer", label: "freezes per answer", unit: "", lowerIsBetter: true) {
            $0.freezesPerAnswer
        },
        Measure(key: "meanPause", label: "mean pause", unit: "s", lowerIsBetter: true) { $0.meanPause },
        Measure(key: "longestPause", label: "longest pause", unit: "s", lowerIsBetter: true) { $0.longestPause },
        Measure(key: "phonationTimeRatio", label: "speaking share", unit: "", lowerIsBetter: false) {
            $0.phonationTimeRatio
        },
        Measure(key: "speechRate", label: "speech rate", unit: "syll/s", lowerIsBetter: false) { $0.speechRate },
        Measure(key: "rating", label: "confidence", unit: "/5", lowerIsBetter: false) { $0.rating },
    ]

    public static func named(_ key: String) -> Measure? { all.first { $0.key == key } }
}

/// How a measure moved over the sessions of a report.
public struct Trend: Sendable {
    public enum Direction: String, Sendable, Codable {
        case improved, worse, unchanged
        /// Fewer than `Trend.minimumSessions` sessions have a value.
        case tooFewSessions = "too few sessions"
    }

    /// Sessions needed before a direction is claimed.
    public static let minimumSessions = 3
    /// Relative changes smaller than this count as unchanged.
    public static let threshold = 0.05

    public let measure: Measure
    /// The measure per session that has it, oldest first.
    public let points: [(date: Date, value: Double)]
    /// Sessions averaged at each end for `change`: min(3, count / 2).
    public let windowSessions: Int
    /// Mean of the last `windowSessions` against the first, as a fraction (−0.25 = 25 % lower).
    public let change: Double?
    /// Least-squares slope, in the measure's unit per week.
    public let slopePerWeek: Double?
    public let direction: Direction

    public init(_ measure: Measure, sessions: [SessionSummary]) {
        self.init(
            measure, points: sessions.compactMap { summary in measure.value(summary).map { (summary.startedAt, $0) } })
    }

    /// A trend of values that do not come from session summaries (oldest first).
    public init(_ measure: Measure, points: [(date: Date, value: Double)]) {
        self.measure = measure
        self.points = points
        let values = points.map(\.value)
        windowSessions = min(3, values.count / 2)
        if windowSessions >= 1 {
            let first = values.prefix(windowSessions).reduce(0, +) / Double(windowSessions)
            let last = values.suffix(windowSessions).reduce(0, +) / Double(windowSessions)
            change = first != 0 ? (last - first) / abs(first) : nil
        } else {
            change = nil
        }
        slopePerWeek = Self.slope(points.map { ($0.date.timeIntervalSince1970 / (7 * 86_400), $0.value) })
        if values.count < Self.minimumSessions || change == nil {
            direction = .tooFewSessions
        } else if abs(change!) < Self.threshold {
            direction = .unchanged
        } else {
            direction = (change! < 0) == measure.lowerIsBetter ? .improved : .worse
        }
    }

    /// Ordinary least-squares slope of y on x; nil for fewer than two distinct x.
    static func slope(_ points: [(x: Double, y: Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.map(\.x).reduce(0, +) / n
        let meanY = points.map(\.y).reduce(0, +) / n
        let sxx = points.map { ($0.x - meanX) * ($0.x - meanX) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        return points.map { ($0.x - meanX) * ($0.y - meanY) }.reduce(0, +) / sxx
    }

    /// One character per session, ▁ (lowest) to █ (highest); with more sessions than `width`, each
    /// character is the mean of a run of consecutive sessions.
    public func sparkline(width: Int = 24) -> String {
        var values = points.map(\.value)
        if values.count > width {
            let all = values
            values = (0..<width).map { bucket in
                let slice = all[(bucket * all.count / width)..<((bucket + 1) * all.count / width)]
                return slice.reduce(0, +) / Double(slice.count)
            }
        }
        guard let low = values.min(), let high = values.max() else { return "" }
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(
            values.map { value in
                high > low ? bars[min(7, Int((value - low) / (high - low) * 7.999))] : bars[3]
            })
    }
}
