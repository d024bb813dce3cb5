import ArgumentParser
import Foundation
import Reports
import Sessions

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note and a confidence rating to an answer.",
        usage: "rehearse note <session> <answer> <text> [--rating <rating>]\n  [--home <home>]",
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
        let store = try home.openStore()
        guard let id = try store.session(named: session)?.id else {
            throw CommandFailure("no session '\(session)' (see 'rehearse sessions')")
        }
        guard let entry = try store.answer(in: id, at: answer) else {
            throw CommandFailure("session '\(session)' has no answer \(answer) (see 'rehearse show \(session)')")
        }
        try store.annotate(answer: entry.id!, note: text, rating: rating)
        print("Noted on answer \(answer) of \(id).")
    }
}
