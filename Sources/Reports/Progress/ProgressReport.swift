import Foundation
import Sessions

/// "Am I getting better?": one row per session, then the trend of each measure.
public struct ProgressReport: Sendable {
    public let sessions: [SessionSummary]
    public let trends: [Trend]
    /// Dates in the table are shown in this zone (the user's own by default).
    public let timeZone: TimeZone
    /// Hesitation straight after curveball questions, per session that had one.
    public let recovery: [CurveballRecovery]
    /// How the after-curveball / usual ratio moves over time.
    public let recoveryTrend: Trend

    public static let recoveryMeasure = Measure(
        key: "curveballRecovery", label: "after a curveball", unit: "×", lowerIsBetter: true
    ) { _ in nil }

    public init(
        sessions: [SessionSummary], measures: [Measure] = Measure.all, recovery: [CurveballRecovery] = [],
        timeZone: TimeZone = .current
    ) {
        self.sessions = sessions
        self.timeZone = timeZone
        self.recovery = recovery
        trends = measures.map { Trend($0, sessions: sessions) }
        recoveryTrend = Trend(
            Self.recoveryMeasure, points: recovery.compactMap { r in r.ratio.map { (r.startedAt, $0) } })
    }

    // MARK: Table

    public func table() -> String {
        guard !sessions.isEmpty else {
            return "No analysed answers yet for this report. Practise with: rehearse practice\n"
        }
        let days = Self.dayFormatter(in: timeZone)
        var lines = [
            "date              answers  speaking  start   pauses/min  mean pause  longest  speaking share  syll/s  confidence"
        ]
        for s in sessions {
            lines.append(
                [
                    days.string(from: s.startedAt).padding(toLength: 16, withPad: " ", startingAt: 0),
                    String(format: "%7d", s.answers),
                    Self.number(s.speakingTime, "%7.0f s"),
                    Self.number(s.meanLatency, "%5.1f s"),
                    Self.number(s.pausesPerMinute, "%10.1f"),
                    Self.number(s.meanPause, "%8.2f s"),
                    Self.number(s.longestPause, "%5.1f s"),
                    Self.number(s.phonationTimeRatio.map { $0 * 100 }, "%12.0f %%"),
                    Self.number(s.speechRate, "%6.1f"),
                    Self.number(s.rating, "%10.1f"),
                ].joined(separator: "  "))
        }
        lines.append("")
        lines.append("trend over \(sessions.count) session\(sessions.count == 1 ? "" : "s"):")
        for trend in trends where !trend.points.isEmpty {
            var line =
                "  " + trend.measure.label.padding(toLength: 18, withPad: " ", startingAt: 0) + " "
                + trend.sparkline(width: 12).padding(toLength: 12, withPad: " ", startingAt: 0)
            switch trend.direction {
            case .tooFewSessions:
                line += " too few sessions to tell (\(trend.points.count) of \(Trend.minimumSessions))"
            default:
                line += " " + trend.direction.rawValue
                if let change = trend.change {
                    line +=
                        ", " + Self.signedPercent(change)
                        + " (last \(trend.windowSessions) vs first \(trend.windowSessions) sessions)"
                }
                if let slope = trend.slopePerWeek {
                    line += String(
                        format: ", %+.2f%@ per week", slope, trend.measure.unit.isEmpty ? "" : " " + trend.measure.unit)
                }
            }
            lines.append(line)
        }
        if !recovery.isEmpty {
            lines.append("")
            lines.append("after a curveball (pauses per minute in the next answer vs your other answers that session):")
            for r in recovery {
                lines.append(
                    "  " + days.string(from: r.startedAt)
                        + String(format: "  %.1f vs %.1f", r.afterCurveball, r.baseline)
                        + (r.ratio.map { String(format: "  (%.2f×)", $0) } ?? ""))
            }
            let t = recoveryTrend
            lines.append(
                "  trend: "
                    + (t.direction == .tooFewSessions
                        ? "too few sessions to tell (\(t.points.count) of \(Trend.minimumSessions))"
                        : t.direction.rawValue + (t.change.map { ", " + Self.signedPercent($0) } ?? "")))
        }
        let improved = trends.filter { $0.direction == .improved }.map(\.measure.label)
        let worse = trends.filter { $0.direction == .worse }.map(\.measure.label)
        if !improved.isEmpty { lines.append("Better: " + improved.joined(separator: ", ") + ".") }
        if !worse.isEmpty { lines.append("Worse: " + worse.joined(separator: ", ") + ".") }
        if improved.isEmpty && worse.isEmpty && sessions.count >= Trend.minimumSessions {
            lines.append("No clear change yet.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    public func json() -> String {
        let iso = ISO8601DateFormatter()
        let object: [String: Any] = [
            "sessions": sessions.map { s -> [String: Any] in
                [
                    "session": s.session, "startedAt": iso.string(from: s.startedAt), "answers": s.answers,
                    "speakingTime": Self.round(s.speakingTime), "meanLatency": Self.json(s.meanLatency),
                    "pausesPerMinute": Self.json(s.pausesPerMinute), "meanPause": Self.json(s.meanPause),
                    "longestPause": Self.json(s.longestPause), "phonationTimeRatio": Self.json(s.phonationTimeRatio),
                    "speechRate": Self.json(s.speechRate), "rating": Self.json(s.rating),
                ]
            },
            "trends": trends.map { t -> [String: Any] in
                [
                    "measure": t.measure.key, "direction": t.direction.rawValue, "sessions": t.points.count,
                    "change": Self.json(t.change), "windowSessions": t.windowSessions,
                    "slopePerWeek": Self.json(t.slopePerWeek),
                    "lowerIsBetter": t.measure.lowerIsBetter,
                ]
            },
            "curveballRecovery": [
                "sessions": recovery.map { r -> [String: Any] in
                    [
                        "session": r.session, "startedAt": iso.string(from: r.startedAt),
                        "afterCurveball": Self.round(r.afterCurveball),
                        "baseline": Self.round(r.baseline), "ratio": Self.json(r.ratio),
                    ]
                },
                "direction": recoveryTrend.direction.rawValue, "change": Self.json(recoveryTrend.change),
            ] as [String: Any],
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: CSV

    /// Tables one after the other, separated by empty lines: sessions, trends, then (when any
    /// session had one) hesitation after curveballs.
    public func csv() -> String {
        let iso = ISO8601DateFormatter()
        var lines = [
            "session,startedAt,answers,speakingTime,meanLatency,pausesPerMinute,meanPause,longestPause,phonationTimeRatio,speechRate,rating"
        ]
        for s in sessions {
            lines.append(
                ([s.session, iso.string(from: s.startedAt), String(s.answers)]
                    + [
                        s.speakingTime, s.meanLatency, s.pausesPerMinute, s.meanPause, s.longestPause,
                        s.phonationTimeRatio, s.speechRate, s.rating,
                    ].map(Self.csv))
                    .joined(separator: ","))
        }
        lines.append("")
        lines.append("measure,direction,sessions,change,windowSessions,slopePerWeek")
        for t in trends {
            lines.append(
                [
                    t.measure.key, t.direction.rawValue, String(t.points.count), Self.csv(t.change),
                    String(t.windowSessions), Self.csv(t.slopePerWeek),
                ].joined(separator: ","))
        }
        if !recovery.isEmpty {
            lines.append("")
            lines.append("session,startedAt,afterCurveballPausesPerMinute,baselinePausesPerMinute,ratio")
            for r in recovery {
                lines.append(
                    [
                        r.session, iso.string(from: r.startedAt), Self.csv(r.afterCurveball), Self.csv(r.baseline),
                        Self.csv(r.ratio),
                    ].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Formatting

    /// A formatter for the report's dates (making one costs far more than using it).
    static func dayFormatter(in timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }

    static func number(_ value: Double?, _ format: String) -> String {
        let width = String(format: format, 0.0).count
        return value.map { String(format: format, $0) } ?? String(repeating: " ", count: max(0, width - 1)) + "–"
    }

    /// A change as a signed whole percentage, "+12 %", "-3 %"; a change that rounds to nothing is
    /// "+0 %", never "-0 %".
    static func signedPercent(_ fraction: Double) -> String {
        let percent = (fraction * 100).rounded()
        return String(format: "%+.0f %%", percent == 0 ? 0 : percent)
    }

    static func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
    static func json(_ value: Double?) -> Any { value.map(round) ?? NSNull() }
    static func csv(_ value: Double?) -> String { value.map { String(round($0)) } ?? "" }
}
