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

    // MARK: Tables

    /// One row per session: the one column list behind the text, JSON and CSV forms.
    public var sessionTable: ReportTable {
        ReportTable(
            columns: [
                .init("session", "session", .text, showsInText: false),
                .init("startedAt", "date", .date),
                .init("answers", "answers", short: "ans", .integer),
                .init("speakingTime", "speaking s", .number(decimals: 0), optional: true),
                .init("meanLatency", "start s", .number(decimals: 1)),
                .init("pausesPerMinute", "pauses/min", short: "p/min", .number(decimals: 1)),
                .init("meanPause", "mean pause s", short: "mean s", .number(decimals: 2)),
                .init("longestPause", "longest s", short: "max s", .number(decimals: 1)),
                .init("phonationTimeRatio", "speaking %", short: "spk %", .number(decimals: 0, scale: 100)),
                .init("speechRate", "syll/s", .number(decimals: 1)),
                .init("rating", "confidence", short: "conf", .number(decimals: 1)),
                .init("pauseTimePerMinute", "paused s/min", .number(decimals: 1), optional: true),
                .init("filledPausesPerMinute", "um/min", .number(decimals: 1), optional: true),
                .init("freezesPerAnswer", "freezes", .number(decimals: 1), optional: true),
            ],
            rows: sessions.map { s in
                [
                    .text(s.session), .date(s.startedAt), .integer(s.answers), .number(s.speakingTime),
                    .number(s.meanLatency), .number(s.pausesPerMinute), .number(s.meanPause), .number(s.longestPause),
                    .number(s.phonationTimeRatio), .number(s.speechRate), .number(s.rating),
                    .number(s.pauseTimePerMinute), .number(s.filledPausesPerMinute), .number(s.freezesPerAnswer),
                ]
            })
    }

    /// Each measure's trend.
    public var trendTable: ReportTable {
        ReportTable(
            columns: [
                .init("measure", "measure", .text), .init("direction", "direction", .text),
                .init("sessions", "sessions", .integer), .init("change", "change", .number(decimals: 2)),
                .init("windowSessions", "window", .integer), .init("slopePerWeek", "per week", .number(decimals: 2)),
            ],
            rows: trends.map { t in
                [
                    .text(t.measure.key), .text(t.direction.rawValue), .integer(t.points.count), .number(t.change),
                    .integer(t.windowSessions), .number(t.slopePerWeek),
                ]
            })
    }

    /// Hesitation after curveballs, per session that had one.
    public var recoveryTable: ReportTable {
        ReportTable(
            columns: [
                .init("session", "session", .text, showsInText: false), .init("startedAt", "date", .date),
                .init("afterCurveball", "after", .number(decimals: 1)),
                .init("baseline", "others", .number(decimals: 1)),
                .init("ratio", "ratio ×", .number(decimals: 2)),
            ],
            rows: recovery.map { r in
                [
                    .text(r.session), .date(r.startedAt), .number(r.afterCurveball), .number(r.baseline),
                    .number(r.ratio),
                ]
            })
    }

    // MARK: Text

    /// The report for a terminal `width` columns wide (80 when output is not a terminal).
    public func table(width: Int = 80) -> String {
        guard !sessions.isEmpty else {
            return "No analysed answers yet for this report. Practise with: rehearse practice\n"
        }
        var lines = sessionTable.textLines(width: width, timeZone: timeZone)
        lines.append("")
        let window = trends.map(\.windowSessions).max() ?? 0
        lines.append(
            "trend over \(sessions.count) session\(sessions.count == 1 ? "" : "s")"
                + (window > 0 ? " (change: your last \(window) against your first \(window)):" : ":"))
        for trend in trends where !trend.points.isEmpty {
            var line =
                "  " + trend.measure.label.padding(toLength: 18, withPad: " ", startingAt: 0) + " "
                + trend.sparkline(width: 12).padding(toLength: 12, withPad: " ", startingAt: 0) + " "
            switch trend.direction {
            case .tooFewSessions:
                line += "too few sessions to tell (\(trend.points.count) of \(Trend.minimumSessions))"
            default:
                line += trend.direction.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                if let change = trend.change { line += Self.signedPercent(change) }
                if let slope = trend.slopePerWeek {
                    line += String(
                        format: ", %+.2f%@ a week", slope, trend.measure.unit.isEmpty ? "" : " " + trend.measure.unit)
                }
            }
            lines.append(line)
        }
        if !recovery.isEmpty {
            lines.append("")
            lines.append("after a curveball (seconds paused per minute: the next answer, the others):")
            lines += recoveryTable.textLines(width: width, timeZone: timeZone).map { "  " + $0 }
            let t = recoveryTrend
            lines.append(
                "  trend: "
                    + (t.direction == .tooFewSessions
                        ? "too few sessions to tell (\(t.points.count) of \(Trend.minimumSessions))"
                        : t.direction.rawValue + (t.change.map { ", " + Self.signedPercent($0) } ?? "")))
        }
        let improved = trends.filter { $0.direction == .improved }.map(\.measure.label)
        let worse = trends.filter { $0.direction == .worse }.map(\.measure.label)
        if !improved.isEmpty {
            lines += TextWrap.lines("Better: " + improved.joined(separator: ", ") + ".", width: width)
        }
        if !worse.isEmpty { lines += TextWrap.lines("Worse: " + worse.joined(separator: ", ") + ".", width: width) }
        if improved.isEmpty && worse.isEmpty && sessions.count >= Trend.minimumSessions {
            lines.append("No clear change yet.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON and CSV

    public func json() -> String {
        let recovery: [String: JSONValue] = [
            "sessions": recoveryTable.json, "direction": .string(recoveryTrend.direction.rawValue),
            "change": recoveryTrend.change.map { .number(ReportTable.rounded($0)) } ?? .null,
        ]
        var trendRows = trendTable.jsonRows()
        for (index, trend) in trends.enumerated() {
            trendRows[index]["lowerIsBetter"] = .bool(trend.measure.lowerIsBetter)
        }
        let object: JSONValue = .object([
            "sessions": sessionTable.json, "trends": .array(trendRows.map(JSONValue.object)),
            "curveballRecovery": .object(recovery),
        ])
        return JSONText.encode(object) + "\n"
    }

    /// Tables one after the other, separated by empty lines: sessions, trends, then (when any
    /// session had one) hesitation after curveballs.
    public func csv() -> String {
        var lines = sessionTable.csvLines() + [""] + trendTable.csvLines()
        if !recovery.isEmpty { lines += [""] + recoveryTable.csvLines() }
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

    /// A number for JSON: to the thousandth, or `null`.
    static func json(_ value: Double?) -> Any { value.map(ReportTable.rounded) ?? NSNull() }
}
