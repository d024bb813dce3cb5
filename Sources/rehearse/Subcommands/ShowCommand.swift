import ArgumentParser
import Foundation
import Reports
import Sessions

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one session: every answer with its measures and pause timeline.")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id from 'rehearse sessions' ('last' for the most recent).")
    var session: String

    @OptionGroup var output: FormatOptions

    func validate() throws { _ = try output.resolved(default: .table, allowed: [.table, .json]) }

    func run() throws {
        let json = try output.resolved(default: .table, allowed: [.table, .json]) == .json
        let store = try home.openStore(readOnly: true)
        guard let id = try store.session(named: session)?.id else {
            throw CommandFailure("no session '\(session)' (see 'rehearse sessions')")
        }
        let detail = try SessionDetail(session: id, store: store)
        if json {
            print(detail.json())
        } else {
            print(detail.text(width: Console.width, printable: Console.printable), terminator: "")
        }
    }
}
