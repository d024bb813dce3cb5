import Analysis

/// A Praat TextGrid with one interval tier, "speech", labelling each stretch of the recording as
/// `speech`, `pause`, or empty (before the first and after the last speech).
public struct TextGrid {
    public let text: String

    public init(_ analysis: AnswerAnalysis) {
        var intervals: [(TimeSpan, String)] = []
        var cursor = 0.0
        func add(_ end: Double, _ label: String) {
            guard end > cursor else { return }
            intervals.append((TimeSpan(start: cursor, end: end), label))
            cursor = end
        }
        for (index, run) in analysis.runs.enumerated() {
            add(run.start, index == 0 ? "" : "pause")
            add(run.end, "speech")
        }
        add(analysis.duration, "")
        if intervals.isEmpty { intervals = [(TimeSpan(start: 0, end: analysis.duration), "")] }

        var lines = [
            "File type = \"ooTextFile\"",
            "Object class = \"TextGrid\"",
            "",
            "xmin = 0",
            "xmax = \(analysis.duration)",
            "tiers? <exists>",
            "size = 1",
            "item []:",
            "    item [1]:",
            "        class = \"IntervalTier\"",
            "        name = \"speech\"",
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
        text = lines.joined(separator: "\n") + "\n"
    }
}
