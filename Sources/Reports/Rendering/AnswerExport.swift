import Analysis
import Foundation
import Sessions

/// Every take's measures as flat rows for spreadsheets and data tools: who, what and when, then
/// every measure of `FluencyMeasure.all`, then the user's rating and note.
public enum AnswerExport {
    static let leading = ["session", "startedAt", "position", "promptId", "category", "take", "recordedAt", "file"]
    static let trailing = ["rating", "note", "analysisError"]

    public static let columns = leading + FluencyMeasure.all.map(\.column) + trailing

    /// One row per take, in the order given.
    public static func rows(_ entries: [(session: PracticeSession, answer: Answer, take: Take)]) -> [[String: Any]] {
        let iso = ISO8601DateFormatter()
        return entries.map { row($0, iso) }
    }

    static func row(
        _ entry: (session: PracticeSession, answer: Answer, take: Take), _ iso: ISO8601DateFormatter
    ) -> [String: Any] {
        let t = entry.take
        var row: [String: Any] = [:]
        let values: [Any?] = [
            entry.session.id, iso.string(from: entry.session.startedAt), entry.answer.position, entry.answer.promptId,
            entry.answer.category, t.number, iso.string(from: t.recordedAt), t.file,
        ]
        for (column, value) in zip(leading, values) { row[column] = value ?? NSNull() }
        for measure in FluencyMeasure.all {
            let value = measure.column == "duration" ? t.duration : t.metrics.flatMap(measure.value(in:))
            row[measure.column] =
                value.map { measure.isInteger ? Int($0) as Any : ProgressReport.round($0) } ?? NSNull()
        }
        row["rating"] = entry.answer.rating ?? NSNull()
        row["note"] = entry.answer.note ?? NSNull()
        row["analysisError"] = t.analysisError ?? NSNull()
        return row
    }

    /// - Parameter rawText: keep text cells exactly as they are (see `CSVField`).
    public static func csv(_ rows: [[String: Any]], rawText: Bool = false) -> String {
        var lines = [columns.joined(separator: ",")]
        for row in rows {
            lines.append(
                columns.map { column -> String in
                    switch row[column] {
                    case is NSNull, nil: return ""
                    case let text as String: return CSVField.text(text, raw: rawText)
                    case let value?: return "\(value)"
                    }
                }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ rows: [[String: Any]]) -> String {
        let data =
            (try? JSONSerialization.data(
                withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
