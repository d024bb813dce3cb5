import Foundation
import Sessions

/// Every session with its answers, takes and headline hesitation, as `rehearse sessions` prints it.
public struct SessionList {
    public struct Row: Sendable {
        public let session: PracticeSession
        public let answers: Int
        public let takes: Int
        public let summary: SessionSummary?
    }

    public let rows: [Row]

    /// Reads the list in three queries however many sessions: it must stay instant after years.
    public init(store: SessionStore) throws {
        let summaries = Dictionary(uniqueKeysWithValues: try store.sessionSummaries().map { ($0.session, $0) })
        let counts = try store.answerAndTakeCounts()
        rows = try store.sessions().map { session in
            Row(
                session: session, answers: counts[session.id]?.answers ?? 0, takes: counts[session.id]?.takes ?? 0,
                summary: summaries[session.id])
        }
    }

    /// The one column list behind the text and JSON forms.
    public var table: ReportTable {
        ReportTable(
            columns: [
                .init("id", "session", .text), .init("startedAt", "started", .date, showsInText: false),
                .init("kind", "kind", .text), .init("deck", "deck", .text), .init("answers", "answers", .integer),
                .init("takes", "takes", .integer),
                .init("meanLatency", "mean latency s", short: "start s", .number(decimals: 1)),
                .init("pausesPerMinute", "pauses/min", .number(decimals: 1)),
                .init("meanPause", "mean pause s", short: "mean s", .number(decimals: 2)),
                .init("pauseTimePerMinute", "paused s/min", .number(decimals: 1), optional: true),
            ],
            rows: rows.map { row in
                [
                    .text(row.session.id), .date(row.session.startedAt), .text(row.session.kind.rawValue),
                    .text(row.session.deck),
                    .integer(row.answers), .integer(row.takes), .number(row.summary?.meanLatency),
                    .number(row.summary?.pausesPerMinute), .number(row.summary?.meanPause),
                    .number(row.summary?.pauseTimePerMinute),
                ]
            })
    }

    public func text(width: Int = 80) -> String {
        guard !rows.isEmpty else { return "No practice sessions yet. Start one with: rehearse practice\n" }
        return table.textLines(width: width, timeZone: .current).joined(separator: "\n") + "\n"
    }

    public func json() -> String { JSONText.encode(table.json) }
}
