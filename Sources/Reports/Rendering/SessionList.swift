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

    public func text() -> String {
        guard !rows.isEmpty else { return "No practice sessions yet. Start one with: rehearse practice\n" }
        var lines = ["session          deck          answers  takes  mean latency  pauses/min"]
        for row in rows {
            let latency = row.summary?.meanLatency.map { String(format: "%.1f s", $0) } ?? "–"
            let pauses = row.summary?.pausesPerMinute.map { String(format: "%.1f", $0) } ?? "–"
            let deck = row.session.deck ?? "all"
            lines.append(
                "\(row.session.id)  \(deck.padding(toLength: 12, withPad: " ", startingAt: 0))  "
                    + String(format: "%7d  %5d", row.answers, row.takes)
                    + "  \(latency.padding(toLength: 12, withPad: " ", startingAt: 0))  \(pauses)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        let iso = ISO8601DateFormatter()
        return JSONText.encode(
            rows.map { row -> [String: Any] in
                [
                    "id": row.session.id, "startedAt": iso.string(from: row.session.startedAt),
                    "deck": row.session.deck ?? NSNull(),
                    "answers": row.answers, "takes": row.takes,
                    "meanLatency": row.summary?.meanLatency ?? NSNull(),
                    "pausesPerMinute": row.summary?.pausesPerMinute ?? NSNull(),
                ]
            })
    }
}
