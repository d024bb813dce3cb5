import ArgumentParser
import Foundation
import Reports
import Sessions

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List practice sessions.")

    @OptionGroup var home: HomeOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            // Three queries however many sessions: this list must stay instant after years of practice.
            let summaries = Dictionary(uniqueKeysWithValues: try store.sessionSummaries().map { ($0.session, $0) })
            let counts = try store.answerAndTakeCounts()
            let iso = ISO8601DateFormatter()
            let rows: [[String: Any]] = try store.sessions().map { session in
                let summary = summaries[session.id]
                return [
                    "id": session.id, "startedAt": iso.string(from: session.startedAt), "deck": session.deck ?? NSNull(),
                    "answers": counts[session.id]?.answers ?? 0, "takes": counts[session.id]?.takes ?? 0,
                    "meanLatency": summary?.meanLatency ?? NSNull(), "pausesPerMinute": summary?.pausesPerMinute ?? NSNull(),
                ]
            }
            if json {
                let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            guard !rows.isEmpty else {
                print("No practice sessions yet. Start one with: rehearse practice")
                return
            }
            print("session          deck          answers  takes  mean latency  pauses/min")
            for row in rows {
                let latency = (row["meanLatency"] as? Double).map { String(format: "%.1f s", $0) } ?? "–"
                let pauses = (row["pausesPerMinute"] as? Double).map { String(format: "%.1f", $0) } ?? "–"
                let deck = (row["deck"] as? String) ?? "all"
                print("\(row["id"]!)  \(deck.padding(toLength: 12, withPad: " ", startingAt: 0))  \(String(format: "%7d  %5d", row["answers"] as! Int, row["takes"] as! Int))  \(latency.padding(toLength: 12, withPad: " ", startingAt: 0))  \(pauses)")
            }
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one session: every answer with its measures and pause timeline.")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id from 'rehearse sessions' ('last' for the most recent).")
    var session: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            guard let id = try store.session(named: session)?.id else { fail("no session '\(session)' (see 'rehearse sessions')") }
            let answers = try store.answers(in: id)
            if json {
                let rows: [[String: Any]] = try answers.map { entry in
                    [
                        "position": entry.answer.position, "promptId": entry.answer.promptId, "prompt": entry.answer.promptText,
                        "note": entry.answer.note ?? NSNull(), "rating": entry.answer.rating ?? NSNull(),
                        "takes": try entry.takes.map { take in
                            [
                                "number": take.number, "file": take.file, "duration": take.duration,
                                "latency": take.responseLatency ?? NSNull(), "pauseCount": take.pauseCount ?? NSNull(),
                                "longestPause": take.longestPause ?? NSNull(), "pausesPerMinute": take.pausesPerMinute ?? NSNull(),
                                "speechRate": take.speechRate ?? NSNull(), "analysisError": take.analysisError ?? NSNull(),
                                "pauses": try store.segments(of: take.id!).filter { $0.kind == .pause }.map { ["start": $0.start, "end": $0.end] },
                            ] as [String: Any]
                        },
                    ]
                }
                let data = try JSONSerialization.data(withJSONObject: ["session": id, "answers": rows], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("Session \(id)")
            for (answer, takes) in answers {
                print("\n\(answer.position). \(answer.promptText)  [\(answer.promptId)]")
                if takes.isEmpty { print("   (not answered)") }
                for take in takes {
                    print("   take \(take.number): " + TakeSummary.line(take))
                    let segments = try store.segments(of: take.id!)
                    print("   " + Timeline.render(duration: take.duration, segments: segments, width: max(20, Console.width - 6)))
                }
                if let note = answer.note { print("   note: \(note.replacingOccurrences(of: "\n", with: " / "))") }
                if let rating = answer.rating { print("   confidence: \(rating)/5") }
            }
            print("\n   " + Timeline.legend)
        }
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note and a confidence rating to an answer.",
        discussion: "Like the notes you would write down straight after a real interview.")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id ('last' for the most recent).")
    var session: String

    @Argument(help: "Answer number within the session (see 'rehearse show').")
    var answer: Int

    @Argument(help: "The note.")
    var text: String

    @Option(help: "How confident you felt, 1 to 5.")
    var rating: Int?

    func validate() throws {
        if let rating, !(1...5).contains(rating) { throw ValidationError("--rating must be between 1 and 5") }
    }

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            guard let id = try store.session(named: session)?.id else { fail("no session '\(session)' (see 'rehearse sessions')") }
            guard let entry = try store.answer(in: id, at: answer) else { fail("session '\(session)' has no answer \(answer) (see 'rehearse show \(session)')") }
            try store.annotate(answer: entry.id!, note: text, rating: rating)
            print("Noted on answer \(answer) of \(id).")
        }
    }
}
