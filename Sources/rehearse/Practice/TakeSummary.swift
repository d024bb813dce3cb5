import Analysis
import Reports
import Foundation
import Sessions

/// One-line summaries of a take's key figures, and how they compare with an earlier take.
enum TakeSummary {
    static func line(_ take: Take) -> String {
        if let error = take.analysisError { return String(format: "%.1f s recorded; not analysed: %@", take.duration, error) }
        var parts = [String(format: "%.1f s", take.duration)]
        parts.append(take.responseLatency.map { String(format: "started after %.1f s", $0) } ?? "no speech found")
        if let count = take.pauseCount {
            var pauses = "\(count) pause\(count == 1 ? "" : "s")"
            if let longest = take.longestPause { pauses += String(format: " (longest %.1f s)", longest) }
            parts.append(pauses)
        }
        if let rate = take.speechRate { parts.append(String(format: "%.1f syllables/s", rate)) }
        return parts.joined(separator: " · ")
    }

    /// "latency 1.2 s shorter · 3 fewer pauses · …" against `earlier`; lower hesitation reads as better.
    static func comparison(_ take: Take, with earlier: Take) -> String {
        var parts: [String] = []
        if let now = take.responseLatency, let then = earlier.responseLatency, abs(now - then) >= 0.1 {
            parts.append(String(format: "started %.1f s %@", abs(now - then), now < then ? "sooner" : "later"))
        }
        if let now = take.pausesPerMinute, let then = earlier.pausesPerMinute, abs(now - then) >= 0.5 {
            parts.append(String(format: "%.1f %@ pauses per minute", abs(now - then), now < then ? "fewer" : "more"))
        }
        if let now = take.longestPause ?? (take.pauseCount == 0 ? 0 : nil), let then = earlier.longestPause ?? (earlier.pauseCount == 0 ? 0 : nil), abs(now - then) >= 0.1 {
            parts.append(String(format: "longest pause %.1f s %@", abs(now - then), now < then ? "shorter" : "longer"))
        }
        if let now = take.speechRate, let then = earlier.speechRate, abs(now - then) >= 0.1 {
            parts.append(String(format: "%.1f syllables/s %@", abs(now - then), now > then ? "faster" : "slower"))
        }
        return parts.isEmpty ? "about the same" : parts.joined(separator: " · ")
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

extension Timeline {
    /// The timeline of a stored take.
    static func render(duration: Double, segments: [Segment], width: Int) -> String {
        let spans = { (kind: Segment.Kind) in segments.filter { $0.kind == kind }.map { TimeSpan(start: $0.start, end: $0.end) } }
        return render(duration: duration, speech: spans(.speech), pauses: spans(.pause), width: width)
    }
}
