import ArgumentParser
import Foundation
import Reports
import Sessions

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Two sessions side by side, with answers to the same question paired up."
    )

    @OptionGroup var home: HomeOptions

    @Argument(help: "The earlier session ('last' allowed).")
    var first: String

    @Argument(help: "The later session ('last' allowed).")
    var second: String

    @Option(help: "table, json or csv.")
    var format: OutputFormat = .table

    func run() throws {
        let store = try home.openStore(readOnly: true)
        var ids: [String] = []
        for name in [first, second] {
            guard let id = try store.session(named: name)?.id else {
                throw CommandFailure("no session '\(name)' (see 'rehearse sessions')")
            }
            ids.append(id)
        }
        let summaries = try store.sessionSummaries()
        guard let a = summaries.first(where: { $0.session == ids[0] }),
            let b = summaries.first(where: { $0.session == ids[1] })
        else {
            throw CommandFailure("both sessions need at least one analysed answer")
        }
        for id in ids {
            for note in try ReportNotes.about(ReportFilter(session: id), in: store) {
                Console.note(wrapped: "\(id): \(note)")
            }
        }
        let pairs = try SessionComparison.pairs(store: store, first: ids[0], second: ids[1])
        let comparison = SessionComparison(first: a, second: b, pairs: pairs)
        switch format {
        case .table: print(comparison.table(width: Console.width), terminator: "")
        case .json: print(comparison.json(), terminator: "")
        case .csv: print(comparison.csv(), terminator: "")
        }
    }
}
