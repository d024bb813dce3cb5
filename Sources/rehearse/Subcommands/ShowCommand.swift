import ArgumentParser
import Foundation
import Reports
import Sessions

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one session: every answer with its measures and timeline (and a mock interview's debrief).")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id from 'rehearse sessions' ('last' for the most recent).")
    var session: String

    @OptionGroup var output: FormatOptions

    func validate() throws { _ = try output.resolved(default: .table, allowed: [.table, .json]) }

    func run() throws {
        let json = try output.resolved(default: .table, allowed: [.table, .json]) == .json
        let store = try home.openStore(readOnly: true)
        guard let found = try store.session(named: session) else {
            throw CommandFailure("no session '\(session)' (see 'rehearse sessions')")
        }
        let detail = try SessionDetail(session: found.id, store: store)
        if json {
            print(detail.json())
        } else {
            print(detail.text(width: Console.width, printable: Console.printable), terminator: "")
            if found.kind == .interview {
                let debrief = try InterviewDebrief(
                    session: found.id, answers: detail.answers, segments: detail.segments, store: store)
                print("\n" + debrief.text(width: Console.width))
            }
        }
    }
}
