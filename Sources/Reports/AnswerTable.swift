import Analysis
import Foundation

/// The human view of one analysed answer: key measures and a one-line timeline.
public enum AnswerTable {
    public static func render(file: String, _ analysis: AnswerAnalysis, width: Int) -> String {
        let m = analysis.metrics
        func s(_ value: Double?) -> String { value.map { String(format: "%.2f s", $0) } ?? "–" }
        func r(_ value: Double?, _ unit: String) -> String { value.map { String(format: "%.1f %@", $0, unit) } ?? "–" }
        let rows: [(String, String)] = [
            ("duration", s(m.totalDuration)),
            ("response latency", s(m.responseLatency)),
            (
                "speaking time",
                s(m.speakingTime)
                    + (m.phonationTimeRatio.map { String(format: "  (%.0f %% of the answer)", $0 * 100) } ?? "")
            ),
            (
                "pauses",
                "\(m.pauseCount)"
                    + (m.pausesPerMinute.map { String(format: "  (%.1f per minute of speech)", $0) } ?? "")
            ),
            ("mean / median pause", "\(s(m.meanPause)) / \(s(m.medianPause))"),
            ("longest pause", s(m.longestPause)),
            ("pauses ≥ 1 s / ≥ 2 s", "\(m.pausesOver1s) / \(m.pausesOver2s)"),
            (
                "mean length of run",
                s(m.meanLengthOfRun)
                    + (m.meanLengthOfRunSyllables.map { String(format: "  (%.1f syllables)", $0) } ?? "")
            ),
            (
                "filled pauses",
                m.filledPauseCount.map { count in
                    "\(count)"
                        + (m.filledPausesPerMinute.map { String(format: "  (%.1f per minute of speech)", $0) } ?? "")
                } ?? "not looked for"
            ),
            ("hesitation time", s(m.hesitationTime)),
            (
                "freezes",
                m.freezeCount.map { "\($0)" + (m.longestFreeze.map { String(format: "  (longest %.1f s)", $0) } ?? "") }
                    ?? "–"
            ),
            ("syllables", "\(m.syllableCount)"),
            ("speech rate", r(m.speechRate, "syll/s")),
            ("articulation rate", r(m.articulationRate, "syll/s")),
        ]
        let labelWidth = rows.map(\.0.count).max() ?? 0
        var lines = [file]
        for (label, value) in rows {
            lines.append("  " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + value)
        }
        lines.append("  " + Timeline.render(analysis, width: max(10, width - 4)))
        if let marks = Timeline.freezeMarks(
            duration: analysis.duration, freezes: analysis.freezes, width: max(10, width - 4))
        {
            lines.append("  " + marks)
        }
        lines.append("  " + Timeline.legend)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A one-line picture of an answer: speech, filled pauses, silent pauses, and the silence before and
/// after; freezes are marked on a line of their own beneath it.
public enum Timeline {
    /// The line beneath a timeline of `width` characters, with `^` under every freeze; nil when
    /// there is none.
    public static func freezeMarks(duration: Double, freezes: [TimeSpan], width: Int) -> String? {
        guard duration > 0, width > 0, !freezes.isEmpty else { return nil }
        let cell = duration / Double(width)
        var marks = String(
            (0..<width).map { index -> Character in
                let start = Double(index) * cell, end = start + cell
                return freezes.contains { $0.start < end && start < $0.end } ? "^" : " "
            })
        while marks.last == " " { marks.removeLast() }
        return marks
    }

    public static let legend = "█ speech  ▒ um/uh  ░ pause  ^ freeze  · silence before and after"

    public static func render(_ analysis: AnswerAnalysis, width: Int) -> String {
        render(
            duration: analysis.duration, speech: analysis.runs, pauses: analysis.pauses,
            filledPauses: analysis.filledPauses.map(\.span), width: width)
    }

    /// The same picture from spans: `width` characters for `duration` seconds. A character shows
    /// what lies at its middle; a filled pause shorter than a character still marks the character.
    public static func render(
        duration: Double, speech: [TimeSpan], pauses: [TimeSpan], filledPauses: [TimeSpan] = [], width: Int
    ) -> String {
        guard duration > 0, width > 0 else { return "" }
        let cell = duration / Double(width)
        return String(
            (0..<width).map { index -> Character in
                let middle = (Double(index) + 0.5) * cell
                let start = Double(index) * cell, end = start + cell
                if filledPauses.contains(where: { $0.start < end && start < $0.end }) { return "▒" }
                if speech.contains(where: { $0.start <= middle && middle < $0.end }) { return "█" }
                if pauses.contains(where: { $0.start <= middle && middle < $0.end }) { return "░" }
                return "·"
            })
    }
}
