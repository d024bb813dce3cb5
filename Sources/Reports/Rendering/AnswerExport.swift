import Analysis
import Foundation
import Sessions

/// Every take's measures as flat rows for spreadsheets and data tools: who, what and when, then
/// every measure of `FluencyMeasure.all`, the verdict and the detector version, then the user's
/// rating and note.
public enum AnswerExport {
    /// One row per take, in the order given.
    public static func table(_ entries: [(session: PracticeSession, answer: Answer, take: Take)]) -> ReportTable {
        let columns: [ReportTable.Column] =
            [
                .init("session", "session", .text), .init("startedAt", "started", .date),
                .init("position", "answer", .integer), .init("promptId", "prompt", .text),
                .init("category", "category", .text), .init("take", "take", .integer),
                .init("recordedAt", "recorded", .date), .init("file", "file", .text),
            ]
            + FluencyMeasure.all.map { measure in
                .init(measure.column, measure.label, measure.isInteger ? .integer : .number(decimals: 3))
            }
            + [
                .init("signalToNoise", "signal/noise", .number(decimals: 1)),
                .init("backgroundSpeech", "other voices", .text),
                .init("detectorVersion", "detector", .integer),
                .init("rating", "rating", .integer), .init("note", "note", .text),
                .init("analysisError", "error", .text),
            ]
        let rows = entries.map { entry -> [ReportTable.Cell] in
            let take = entry.take
            let leading: [ReportTable.Cell] = [
                .text(entry.session.id), .date(entry.session.startedAt), .integer(entry.answer.position),
                .text(entry.answer.promptId), .text(entry.answer.category), .integer(take.number),
                .date(take.recordedAt), .text(take.file),
            ]
            let measures = FluencyMeasure.all.map { measure -> ReportTable.Cell in
                let value = measure.column == "duration" ? take.duration : take.metrics.flatMap(measure.value(in:))
                return measure.isInteger ? value.map { .integer(Int($0)) } ?? .number(nil) : .number(value)
            }
            let verdict: [ReportTable.Cell] = [
                .number(take.reliability?.signalToNoise),
                .text(take.reliability.map { $0.backgroundSpeech ? "yes" : "no" }),
                .integer(take.detectorVersion),
            ]
            let rating: ReportTable.Cell = entry.answer.rating.map { .integer($0) } ?? .number(nil)
            return leading + measures + verdict + [rating, .text(entry.answer.note), .text(take.analysisError)]
        }
        return ReportTable(columns: columns, rows: rows)
    }
}
