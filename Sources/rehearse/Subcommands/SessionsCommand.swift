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
        let list = try SessionList(store: try home.openStore(readOnly: true))
        if json {
            print(list.json())
        } else {
            print(list.text(), terminator: "")
        }
    }
}
