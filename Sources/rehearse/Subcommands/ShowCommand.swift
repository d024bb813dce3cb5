import ArgumentParser
import Foundation
import Reports
import Sessions

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one session: every answer with its measures and pause timeline.")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id from 'rehearse sessions' ('last' for the most recent).")
    var session: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try home.openStore(readOnly: true)
        guard let id = try store.session(named: session)?.id else { throw CommandFailure("no session '\(session)' (see 'rehearse sessions')") }
        let detail = try SessionDetail(session: id, store: store)
        if json {
            print(detail.json())
        } else {
            print(detail.text(width: Console.width, printable: Console.printable), terminator: "")
        }
    }
}
