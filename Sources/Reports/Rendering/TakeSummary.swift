import Analysis
import Foundation
import Sessions

/// One-line summaries of a take's key figures, and how they compare with an earlier take: the
/// practice screen, `show`, `import` and the HTML page all say it the same way.
public enum TakeSummary {
    public static func line(_ take: Take) -> String {
        guard let m = take.metrics else {
            return String(
                format: "%.1f s recorded; not analysed: %@", take.duration, take.analysisError ?? "unknown reason")
        }
        var parts = [String(format: "%.1f s", take.duration)]
        parts.append(m.responseLatency.map { String(format: "started after %.1f s", $0) } ?? "no speech found")
        var pauses = "\(m.pauseCount) pause\(m.pauseCount == 1 ? "" : "s")"
        if let longest = m.longestPause { pauses += String(format: " (longest %.1f s)", longest) }
        parts.append(pauses)
        if let filled = m.filledPauseCount, filled > 0 { parts.append("\(filled) × um/uh") }
        if let freezes = m.freezeCount, freezes > 0 {
            parts.append(
                "\(freezes) freeze\(freezes == 1 ? "" : "s")"
                    + (m.longestFreeze.map { String(format: " (longest %.1f s)", $0) } ?? ""))
        }
        if let rate = m.speechRate { parts.append(String(format: "%.1f syllables/s", rate)) }
        if let cautions = take.reliability?.cautions, !cautions.isEmpty {
            parts.append("caution: " + cautions.joined(separator: "; "))
        }
        return parts.joined(separator: " · ")
    }

    /// "started 1.2 s sooner · 3.0 fewer pauses per minute · …" against `earlier`; lower hesitation
    /// reads as better. When either take carries a caution (`Reliability.cautions`), the comparison
    /// says so: its figures may be wrong either way, and so may the difference.
    public static func comparison(_ take: Take, with earlier: Take) -> String {
        guard let now = take.metrics, let then = earlier.metrics else {
            return "cannot compare: one of them was not analysed"
        }
        guard take.detectorVersion == earlier.detectorVersion else {
            return "cannot compare: measured by different versions of the detector "
                + "(\(earlier.detectorVersion) and \(take.detectorVersion)); `rehearse doctor --reanalyse` updates old takes"
        }
        var parts: [String] = []
        if let a = now.responseLatency, let b = then.responseLatency, abs(a - b) >= 0.1 {
            parts.append(String(format: "started %.1f s %@", abs(a - b), a < b ? "sooner" : "later"))
        }
        if let a = now.pausesPerMinute, let b = then.pausesPerMinute, abs(a - b) >= 0.5 {
            parts.append(String(format: "%.1f %@ pauses per minute", abs(a - b), a < b ? "fewer" : "more"))
        }
        if let a = now.longestPause ?? (now.pauseCount == 0 ? 0 : nil),
            let b = then.longestPause ?? (then.pauseCount == 0 ? 0 : nil),
            abs(a - b) >= 0.1
        {
            parts.append(String(format: "longest pause %.1f s %@", abs(a - b), a < b ? "shorter" : "longer"))
        }
        if let a = now.filledPauseCount, let b = then.filledPauseCount, a != b {
            parts.append("\(abs(a - b)) \(a < b ? "fewer" : "more") um/uh")
        }
        if let a = now.freezeCount, let b = then.freezeCount, a != b {
            parts.append("\(abs(a - b)) \(a < b ? "fewer" : "more") freeze\(abs(a - b) == 1 ? "" : "s")")
        }
        if let a = now.speechRate, let b = then.speechRate, abs(a - b) >= 0.1 {
            parts.append(String(format: "%.1f syllables/s %@", abs(a - b), a > b ? "faster" : "slower"))
        }
        let comparison = parts.isEmpty ? "about the same" : parts.joined(separator: " · ")
        let flagged = (take.reliability?.isTrustworthy == false, earlier.reliability?.isTrustworthy == false)
        switch flagged {
        case (true, true): return comparison + " (with care: both takes carry a caution)"
        case (true, false): return comparison + " (with care: this take carries a caution)"
        case (false, true): return comparison + " (with care: the other take carries a caution)"
        case (false, false): return comparison
        }
    }

    /// A take's recording time as the practice screen shows it: `2026-11-27 09:15`, local time.
    public static func date(_ date: Date) -> String { minuteFormatter.string(from: date) }

    private static let minuteFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()
}

extension Timeline {
    /// The timeline of a stored take.
    public static func render(duration: Double, segments: [Segment], width: Int) -> String {
        let spans = { (kind: Segment.Kind) in
            segments.filter { $0.kind == kind }.map { TimeSpan(start: $0.start, end: $0.end) }
        }
        return render(
            duration: duration, speech: spans(.speech), pauses: spans(.pause), filledPauses: spans(.filledPause),
            width: width)
    }
}
