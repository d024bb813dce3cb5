import ArgumentParser
import Foundation
import Sessions

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a session and its recordings.")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id from 'rehearse sessions' ('last' for the most recent).")
    var session: String

    @Flag(help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func run() throws {
        let store = try home.openStore()
        guard let session = try store.session(named: self.session)?.id else {
            throw CommandFailure("no session '\(self.session)' (see 'rehearse sessions')")
        }
        let takes = try store.answers(in: session).flatMap(\.takes).count
        if !yes {
            Console.ask(
                "Delete session \(session) and its \(takes) recording\(takes == 1 ? "" : "s")? This cannot be undone. [y/N] "
            )
            guard let reply = readLine(), ["y", "yes"].contains(reply.lowercased()) else {
                print("Nothing deleted.")
                return
            }
        }
        let kept = try SessionFolder.delete(session, home: home.practiceHome, store: store)
        print("Deleted session \(session).")
        for file in kept { Console.note("kept \(file): not a recording of this session") }
    }
}
