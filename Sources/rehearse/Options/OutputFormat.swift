import ArgumentParser

/// The one vocabulary of output formats: `--format table|json|csv`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--format`, with the older `--json` (and `--csv`) kept as hidden aliases so scripts keep working.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat?

    @Flag(help: .hidden)
    var json = false

    @Flag(help: .hidden)
    var csv = false

    /// The format asked for, or `fallback`.
    /// - Throws: `ValidationError` when two formats are asked for, or one this command lacks.
    func resolved(
        default fallback: OutputFormat, allowed: [OutputFormat] = OutputFormat.allCases
    ) throws -> OutputFormat {
        let asked = [format, json ? .json : nil, csv ? .csv : nil].compactMap { $0 }
        guard Set(asked).count <= 1 else { throw ValidationError("choose one output format") }
        let chosen = asked.first ?? fallback
        guard allowed.contains(chosen) else {
            throw ValidationError("--format must be \(allowed.map(\.rawValue).joined(separator: " or "))")
        }
        return chosen
    }
}

/// `--raw-csv`, for commands whose CSV carries text a user or a deck wrote.
struct RawCSVOption: ParsableArguments {
    @Flag(
        help:
            "In CSV, keep text exactly as it is (by default a cell a spreadsheet would run as a formula starts with ')."
    )
    var rawCsv = false
}
