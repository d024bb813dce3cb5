import ArgumentParser
import Foundation
import Reports
import Sessions

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Every answer with its measures, for a spreadsheet, R or pandas.",
        discussion: "One row per take, oldest first, re-recordings and takes that could not be analysed included."
    )

    @OptionGroup var home: HomeOptions

    @Option(help: "csv or json.")
    var format: OutputFormat = .csv

    func validate() throws {
        if format == .table { throw ValidationError("--format must be csv or json") }
    }

    @OptionGroup var rawCSV: RawCSVOption

    func run() throws {
        let store = try home.openStore(readOnly: true)
        let table = AnswerExport.table(try store.exportRows())
        if format == .json {
            print(JSONText.encode(table.json))
        } else {
            print(table.csvLines(rawText: rawCSV.rawCsv).joined(separator: "\n"))
        }
    }
}
