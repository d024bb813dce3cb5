import Analysis
import Foundation
import Sessions

/// Two sessions' measures side by side, and the answers they share by prompt.
public struct SessionComparison: Sendable {
    public struct Pair: Sendable {
        public let promptId: String
        public let prompt: String
        public let first: FluencyMetrics
        public let second: FluencyMetrics
    }

    public let first: SessionSummary
    public let second: SessionSummary
    public let pairs: [Pair]

    public init(first: SessionSummary, second: SessionSummary, pairs: [Pair]) {
        self.first = first
        self.second = second
        self.pairs = pairs
    }

    /// Answers to the same prompt in both sessions (the latest analysed take of each, as in every report).
    public static func pairs(store: SessionStore, first: String, second: String) throws -> [Pair] {
        func latest(_ session: String) throws -> [String: (Answer, FluencyMetrics)] {
            var result: [String: (Answer, FluencyMetrics)] = [:]
            for entry in try store.latestAnalysedTakes(ReportFilter(session: session)) {
                if let metrics = entry.take.metrics { result[entry.answer.promptId] = (entry.answer, metrics) }
            }
            return result
        }
        let a = try latest(first), b = try latest(second)
        return a.keys.sorted().compactMap { id in
            guard let (answer, one) = a[id], let (_, two) = b[id] else { return nil }
            return Pair(promptId: id, prompt: answer.promptText, first: one, second: two)
        }
    }

    private var rows: [(Measure, Double?, Double?)] {
        Measure.all.map { ($0, $0.value(first), $0.value(second)) }
    }

    public func table() -> String {
        func right(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = [
            "measure".padding(toLength: 24, withPad: " ", startingAt: 0) + right(first.session, 17)
                + right(second.session, 17) + right("change", 11)
        ]
        for (measure, a, b) in rows {
            let delta = zip2(a, b).map { $1 - $0 }
            let verdict =
                delta.map { abs($0) < 1e-9 ? "" : (($0 < 0) == measure.lowerIsBetter ? "  better" : "  worse") } ?? ""
            let label = measure.label + " (" + (measure.unit.isEmpty ? "0–1" : measure.unit) + ")"
            lines.append(
                label.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + ProgressReport.number(a, "%17.2f") + ProgressReport.number(b, "%17.2f")
                    + ProgressReport.number(delta, "%+11.2f") + verdict)
        }
        if pairs.isEmpty {
            lines.append("\nNo question was answered in both sessions.")
        } else {
            lines.append("\nSame question in both (pauses per minute, longest pause):")
            for pair in pairs {
                lines.append(
                    "  \(pair.promptId): "
                        + ProgressReport.number(pair.first.pausesPerMinute, "%.1f") + " → "
                        + ProgressReport.number(pair.second.pausesPerMinute, "%.1f")
                        + " /min, " + ProgressReport.number(pair.first.longestPause, "%.1f") + " → "
                        + ProgressReport.number(pair.second.longestPause, "%.1f") + " s")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        let object: [String: Any] = [
            "first": first.session, "second": second.session,
            "measures": rows.map { measure, a, b in
                [
                    "measure": measure.key, "first": ProgressReport.json(a), "second": ProgressReport.json(b),
                    "change": ProgressReport.json(zip2(a, b).map { $1 - $0 }),
                ] as [String: Any]
            },
            "pairs": pairs.map { pair in
                [
                    "promptId": pair.promptId, "prompt": pair.prompt,
                    "first": [
                        "pausesPerMinute": ProgressReport.json(pair.first.pausesPerMinute),
                        "longestPause": ProgressReport.json(pair.first.longestPause),
                        "responseLatency": ProgressReport.json(pair.first.responseLatency),
                    ],
                    "second": [
                        "pausesPerMinute": ProgressReport.json(pair.second.pausesPerMinute),
                        "longestPause": ProgressReport.json(pair.second.longestPause),
                        "responseLatency": ProgressReport.json(pair.second.responseLatency),
                    ],
                ] as [String: Any]
            },
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The measures, then (after an empty line) the paired answers.
    public func csv() -> String {
        var lines = ["measure,\(first.session),\(second.session),change"]
        for (measure, a, b) in rows {
            lines.append(
                [
                    measure.key, ProgressReport.csv(a), ProgressReport.csv(b),
                    ProgressReport.csv(zip2(a, b).map { $1 - $0 }),
                ].joined(separator: ","))
        }
        if !pairs.isEmpty {
            lines.append("")
            lines.append(
                "promptId,firstPausesPerMinute,secondPausesPerMinute,firstLongestPause,secondLongestPause,firstLatency,secondLatency"
            )
            for pair in pairs {
                lines.append(
                    ([CSVField.text(pair.promptId)]
                        + [
                            pair.first.pausesPerMinute, pair.second.pausesPerMinute, pair.first.longestPause,
                            pair.second.longestPause, pair.first.responseLatency, pair.second.responseLatency,
                        ].map(ProgressReport.csv))
                        .joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
