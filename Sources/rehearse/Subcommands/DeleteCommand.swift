import ArgumentParser
import Foundation
import Sessions

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a session and its recordings.")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id from 'rehearse sessions'.")
    var session: String

    @Flag(help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func run() throws {
        let store = try home.openStore()
        guard try store.session(session) != nil else {
            throw CommandFailure("no session '\(session)' (see 'rehearse sessions')")
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
        try store.deleteSession(session)
        try? FileManager.default.removeItem(at: home.practiceHome.recordings.appendingPathComponent(session))
        print("Deleted session \(session).")
    }
}
