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

    /// Each measure in both sessions and the change: one column list for text, JSON and CSV (which
    /// name the measure by its key where the text shows its label).
    public var measureTable: ReportTable {
        ReportTable(
            columns: [
                .init("measure", "measure", .text),
                .init("first", first.session, .number(decimals: 2)),
                .init("second", second.session, .number(decimals: 2)),
                .init("change", "change", .number(decimals: 2, signed: true)), .init("verdict", "", .text),
            ],
            rows: Measure.all.map { measure in
                let a = measure.value(first), b = measure.value(second)
                let delta = zip2(a, b).map { $1 - $0 }
                let verdict = delta.map {
                    abs($0) < 1e-9 ? "" : (($0 < 0) == measure.lowerIsBetter ? "better" : "worse")
                }
                return [
                    .text(measure.label + " (" + (measure.unit.isEmpty ? "0–1" : measure.unit) + ")"), .number(a),
                    .number(b), .number(delta), .text(verdict ?? ""),
                ]
            })
    }

    /// The answers to the same prompt in both sessions, flat (the JSON nests them by session).
    public var pairTable: ReportTable {
        ReportTable(
            columns: [
                .init("promptId", "prompt", .text),
                .init("firstPausesPerMinute", "pauses/min", .number(decimals: 1)),
                .init("secondPausesPerMinute", "pauses/min", .number(decimals: 1)),
                .init("firstLongestPause", "longest s", .number(decimals: 1)),
                .init("secondLongestPause", "longest s", .number(decimals: 1)),
                .init("firstLatency", "start s", .number(decimals: 1)),
                .init("secondLatency", "start s", .number(decimals: 1)),
            ],
            rows: pairs.map { pair in
                [
                    .text(pair.promptId), .number(pair.first.pausesPerMinute), .number(pair.second.pausesPerMinute),
                    .number(pair.first.longestPause), .number(pair.second.longestPause),
                    .number(pair.first.responseLatency), .number(pair.second.responseLatency),
                ]
            })
    }

    public func table(width: Int = 80) -> String {
        var lines = measureTable.textLines(width: width, timeZone: .current)
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
            "measures": zip(Measure.all, measureTable.jsonRows()).map { measure, row in
                ["measure": measure.key, "first": row["first"]!, "second": row["second"]!, "change": row["change"]!]
                    as [String: Any]
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
        return JSONText.encode(object) + "\n"
    }

    /// The measures, then (after an empty line) the paired answers.
    public func csv() -> String {
        var lines = ReportTable(
            columns: [.init("measure", "measure", .text)] + measureTable.columns[1...3],
            rows: zip(Measure.all, measureTable.rows).map { [.text($0.key)] + $1[1...3] }
        ).csvLines()
        if !pairs.isEmpty { lines += [""] + pairTable.csvLines() }
        return lines.joined(separator: "\n") + "\n"
    }

    private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
