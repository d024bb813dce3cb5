import ArgumentParser
import Foundation
import Reports
import Sessions

struct PromptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "List the decks of interview questions and their prompts.",
        discussion: "Decks are YAML files in Prompts/; add your own next to them (see the README)."
    )

    @OptionGroup var home: HomeOptions

    @Option(help: "Only this deck.")
    var deck: String?

    @OptionGroup var output: FormatOptions

    func validate() throws { _ = try output.resolved(default: .table, allowed: [.table, .json]) }

    func run() throws {
        let json = try output.resolved(default: .table, allowed: [.table, .json]) == .json
        var decks = home.loadDecks()
        if let deck {
            decks = decks.filter { $0.name == deck }
            guard !decks.isEmpty else {
                throw CommandFailure("no deck named '\(deck)' in \(home.practiceHome.prompts.path)")
            }
        }
        if json {
            let rows = decks.flatMap { deck in
                deck.prompts.map { ["id": $0.id, "deck": deck.name, "category": $0.category, "text": $0.text] }
            }
            print(JSONText.encode(rows))
            return
        }
        for deck in decks {
            print("\(deck.name) — \(Console.printable(deck.title)) (\(deck.prompts.count) prompts)")
            for prompt in deck.prompts {
                let prefix = "  " + prompt.id.padding(toLength: 28, withPad: " ", startingAt: 0) + " "
                for line in TextWrap.lines(Console.printable(prompt.text), width: Console.width, prefix: prefix) {
                    print(line)
                }
            }
        }
    }
}
