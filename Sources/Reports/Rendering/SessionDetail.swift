import Analysis
import Foundation
import Sessions

/// One session as `rehearse show` prints it: every answer, every take with its figures and pause
/// timeline, notes and ratings; as text or JSON.
public struct SessionDetail {
    public let session: String
    /// Practice or a mock interview.
    public let kind: PracticeSession.Kind
    public let answers: [(answer: Answer, takes: [Take])]
    /// Segments of every take of the session, by take id.
    public let segments: [Int64: [Segment]]

    /// Reads the session from the store in three queries, however many takes it has.
    public init(session: String, store: SessionStore) throws {
        self.session = session
        kind = try store.session(session)?.kind ?? .practice
        answers = try store.answers(in: session)
        segments = try store.segmentsByTake(in: session)
    }

    /// The text view, with timelines `width` characters wide less the indent.
    /// - Parameter printable: cleans user and deck text for the terminal.
    public func text(width: Int, printable: (String) -> String = { $0 }) -> String {
        var lines = ["Session \(session)"]
        for (answer, takes) in answers {
            lines.append("")
            lines += TextWrap.lines(
                "\(printable(answer.promptText))  [\(answer.promptId)]", width: width, prefix: "\(answer.position). ")
            if takes.isEmpty { lines.append("   (not answered)") }
            for take in takes {
                lines += TextWrap.lines(TakeSummary.line(take), width: width, prefix: "   take \(take.number): ")
                let marks = segments[take.id ?? -1] ?? []
                lines.append(
                    "   " + Timeline.render(duration: take.duration, segments: marks, width: max(20, width - 6)))
                if let freezes = Timeline.freezeMarks(
                    duration: take.duration,
                    freezes: marks.filter { $0.kind == .freeze }.map { TimeSpan(start: $0.start, end: $0.end) },
                    width: max(20, width - 6))
                {
                    lines.append("   " + freezes)
                }
            }
            if let note = answer.note {
                lines += TextWrap.lines(
                    printable(note.replacingOccurrences(of: "\n", with: " / ")), width: width, prefix: "   note: ")
            }
            if let rating = answer.rating { lines.append("   confidence: \(rating)/5") }
        }
        lines.append("\n   " + Timeline.legend)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON view: each take's headline figures (as in earlier versions) plus every measure of
    /// the catalogue under `metrics`.
    public func json() -> String {
        let rows: [[String: Any]] = answers.map { entry in
            [
                "position": entry.answer.position, "promptId": entry.answer.promptId, "prompt": entry.answer.promptText,
                "note": entry.answer.note ?? NSNull(), "rating": entry.answer.rating ?? NSNull(),
                "takes": entry.takes.map(takeObject),
            ]
        }
        return JSONText.encode(["session": session, "kind": kind.rawValue, "answers": rows])
    }

    private func takeObject(_ take: Take) -> [String: Any] {
        let m = take.metrics
        return [
            "number": take.number, "file": take.file, "duration": take.duration,
            "latency": m?.responseLatency ?? NSNull(), "pauseCount": m?.pauseCount ?? NSNull(),
            "longestPause": m?.longestPause ?? NSNull(), "pausesPerMinute": m?.pausesPerMinute ?? NSNull(),
            "speechRate": m?.speechRate ?? NSNull(), "analysisError": take.analysisError ?? NSNull(),
            "metrics": m.map(AnswerJSON.metrics) ?? NSNull(),
            "detectorVersion": take.detectorVersion,
            "reliability": take.reliability.map(AnswerJSON.reliability) ?? NSNull(),
            "pauses": (segments[take.id ?? -1] ?? []).filter { $0.kind == .pause }.map {
                ["start": $0.start, "end": $0.end]
            },
            "filledPauses": (segments[take.id ?? -1] ?? []).filter { $0.kind == .filledPause }.map {
                ["start": $0.start, "end": $0.end]
            },
            "freezes": (segments[take.id ?? -1] ?? []).filter { $0.kind == .freeze }.map {
                ["start": $0.start, "end": $0.end]
            },
        ]
    }
}
