import Analysis
import Foundation
import Sessions

/// The one screen after a mock interview (and `rehearse show` of an interview session): per
/// question the time to start, pauses, freezes and filled pauses against the last time the same
/// question was answered; how hesitation carried over after the curveball; the worst moment.
public struct InterviewDebrief {
    /// One question's latest take, with the earlier take it is compared with.
    public struct Row {
        public var answer: Answer
        public var take: Take
        public var lastTime: Take?
    }

    /// A moment worth hearing again: a freeze, or (without any) the longest silent pause.
    public struct Moment {
        public var question: Int
        public var take: Take
        public var span: TimeSpan
        public var isFreeze: Bool
        /// Which freeze (or pause) of its take it is, from 1: `play --freeze K` (or `--pause K`).
        public var index: Int
    }

    public let session: String
    public let rows: [Row]
    public let worstMoment: Moment?

    /// Reads the session from `store`.
    public init(store: SessionStore, session: String) throws {
        try self.init(
            session: session, answers: store.answers(in: session), segments: store.segmentsByTake(in: session),
            store: store)
    }

    /// From a session already read (`SessionDetail`); `store` gives the earlier answers compared with.
    public init(
        session: String, answers: [(answer: Answer, takes: [Take])], segments: [Int64: [Segment]], store: SessionStore
    ) throws {
        self.session = session
        rows = try answers.compactMap { entry in
            guard let take = entry.takes.last(where: { $0.metrics != nil }) ?? entry.takes.last else { return nil }
            let lastTime = try store.previousTakes(of: entry.answer.promptId, before: session).last {
                $0.recordedAt < take.recordedAt
            }
            return Row(answer: entry.answer, take: take, lastTime: lastTime)
        }
        var worst: Moment?
        for row in rows {
            let marks = segments[row.take.id ?? -1] ?? []
            for kind in [Segment.Kind.freeze, .pause] {
                for (offset, mark) in marks.filter({ $0.kind == kind }).enumerated() {
                    let candidate = Moment(
                        question: row.answer.position, take: row.take, span: TimeSpan(start: mark.start, end: mark.end),
                        isFreeze: kind == .freeze, index: offset + 1)
                    if let current = worst {
                        if current.isFreeze && !candidate.isFreeze { continue }
                        if current.isFreeze == candidate.isFreeze && current.span.duration >= candidate.span.duration {
                            continue
                        }
                    }
                    worst = candidate
                }
            }
        }
        worstMoment = worst
    }

    /// Seconds paused per minute of answering (from first to last word) over `takes`.
    static func pauseTimePerMinute(_ takes: [Take]) -> Double? {
        let metrics = takes.compactMap(\.metrics)
        let paused = metrics.reduce(0) { $0 + $1.totalPauseTime }
        let answering = metrics.reduce(0) { $0 + $1.speakingTime + $1.totalPauseTime }
        return answering > 0 ? 60 * paused / answering : nil
    }

    /// The per-question table.
    public var table: ReportTable {
        ReportTable(
            columns: [
                .init("question", "#", .integer),
                .init("prompt", "question", .text),
                .init("start", "start s", .number(decimals: 1)),
                .init("startBefore", "before", .number(decimals: 1), optional: true),
                .init("pauses", "pauses", .integer),
                .init("pausesBefore", "before", .number(decimals: 0), optional: true),
                .init("freezes", "freezes", .number(decimals: 0)),
                .init("filledPauses", "um/uh", .number(decimals: 0)),
            ],
            rows: rows.map { row in
                let m = row.take.metrics
                let then = row.lastTime?.metrics
                return [
                    .integer(row.answer.position),
                    .text(Self.shortened(row.answer.promptText, to: 26)),
                    .number(m?.responseLatency), .number(then?.responseLatency),
                    .integer(m?.pauseCount ?? 0), .number(then.map { Double($0.pauseCount) }),
                    .number(m?.freezeCount.map(Double.init)), .number(m?.filledPauseCount.map(Double.init)),
                ]
            })
    }

    /// The debrief as text lines no wider than `width` where possible.
    public func text(width: Int) -> String {
        var lines = ["Debrief: mock interview \(session), \(rows.count) question\(rows.count == 1 ? "" : "s")", ""]
        lines += table.textLines(width: width, timeZone: .current).map { "  " + $0 }
        if rows.contains(where: { $0.lastTime != nil }) {
            lines.append("  (\"before\": the last time you answered the same question)")
        }
        lines.append("")
        if let recovery = curveballRecovery {
            lines += TextWrap.lines(recovery, width: width, prefix: "  ")
        }
        if let moment = worstMoment {
            let what =
                moment.isFreeze
                ? String(format: "%.1f s stuck (silence and um/uh)", moment.span.duration)
                : String(format: "no freeze; the longest silence, %.1f s", moment.span.duration)
            lines += TextWrap.lines(
                String(format: "Worst moment: question %d, %.0f s in: %@.", moment.question, moment.span.start, what),
                width: width, prefix: "  ")
            let kind = moment.isFreeze ? "--freeze" : "--pause"
            lines += TextWrap.lines(
                "Hear it as they heard you: rehearse play \(session) \(moment.question) \(kind) \(moment.index) --phone",
                width: width, prefix: "  ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "After the curveball (question 4): …", or nil when the interview had none, or nothing after it.
    var curveballRecovery: String? {
        guard let curveball = rows.firstIndex(where: { $0.answer.category == "curveball" }) else { return nil }
        let before = Self.pauseTimePerMinute(rows[..<curveball].map(\.take))
        let after = Self.pauseTimePerMinute(rows[(curveball + 1)...].map(\.take))
        let position = rows[curveball].answer.position
        guard let after, let before, before > 0 else {
            return "Question \(position) was the curveball; there is too little before or after it to compare."
        }
        let verdict =
            after > before * 1.2
            ? "the surprise carried over into the next answers"
            : after < before * 0.8
                ? "you recovered and paused less afterwards" : "you recovered: about the same as before"
        return String(
            format: "After the curveball (question %d): %.1f s paused per minute in the answers that followed, "
                + "against %.1f before it: %@.", position, after, before, verdict)
    }

    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
