import Analysis

/// A Praat TextGrid with three interval tiers: "speech", labelling each stretch of the recording as
/// `speech`, `pause`, or empty (before the first and after the last speech), and "filled pauses",
/// labelling each filled pause `filled`, and "freezes", labelling each freeze `freeze` (empty
/// between them).
public struct TextGrid {
    public let text: String

    public init(_ analysis: AnswerAnalysis) {
        var speech: [(TimeSpan, String)] = []
        for (index, run) in analysis.runs.enumerated() {
            if index > 0 { speech.append((TimeSpan(start: analysis.runs[index - 1].end, end: run.start), "pause")) }
            speech.append((run, "speech"))
        }
        let tiers = [
            ("speech", Self.covering(speech, duration: analysis.duration)),
            (
                "filled pauses",
                Self.covering(analysis.filledPauses.map { ($0.span, "filled") }, duration: analysis.duration)
            ),
            ("freezes", Self.covering(analysis.freezes.map { ($0, "freeze") }, duration: analysis.duration)),
        ]
        var lines = [
            "File type = \"ooTextFile\"",
            "Object class = \"TextGrid\"",
            "",
            "xmin = 0",
            "xmax = \(analysis.duration)",
            "tiers? <exists>",
            "size = \(tiers.count)",
            "item []:",
        ]
        for (tierNumber, (name, intervals)) in tiers.enumerated() {
            lines += [
                "    item [\(tierNumber + 1)]:",
                "        class = \"IntervalTier\"",
                "        name = \"\(name)\"",
                "        xmin = 0",
                "        xmax = \(analysis.duration)",
                "        intervals: size = \(intervals.count)",
            ]
            for (number, (span, label)) in intervals.enumerated() {
                lines += [
                    "        intervals [\(number + 1)]:",
                    "            xmin = \(span.start)",
                    "            xmax = \(span.end)",
                    "            text = \"\(label)\"",
                ]
            }
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    /// Labelled spans in order, with empty intervals filling the gaps so the tier covers
    /// 0…`duration` without holes, as Praat requires.
    private static func covering(_ labelled: [(TimeSpan, String)], duration: Double) -> [(TimeSpan, String)] {
        var intervals: [(TimeSpan, String)] = []
        var cursor = 0.0
        for (span, label) in labelled {
            let end = min(span.end, duration)
            guard end > max(cursor, span.start) else { continue }
            if span.start > cursor { intervals.append((TimeSpan(start: cursor, end: span.start), "")) }
            intervals.append((TimeSpan(start: max(cursor, span.start), end: end), label))
            cursor = end
        }
        if cursor < duration { intervals.append((TimeSpan(start: cursor, end: duration), "")) }
        if intervals.isEmpty { intervals = [(TimeSpan(start: 0, end: duration), "")] }
        return intervals
    }
}
