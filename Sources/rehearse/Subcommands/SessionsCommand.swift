import ArgumentParser
import Foundation
import Reports
import Sessions

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "List your sessions: practice and mock interviews.")

    @OptionGroup var home: HomeOptions

    @OptionGroup var output: FormatOptions

    func validate() throws { _ = try output.resolved(default: .table, allowed: [.table, .json]) }

    func run() throws {
        let json = try output.resolved(default: .table, allowed: [.table, .json]) == .json
        let list = try SessionList(store: try home.openStore(readOnly: true))
        if json {
            print(list.json())
        } else {
            print(list.text(width: Console.width), terminator: "")
        }
    }
}
