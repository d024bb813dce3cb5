import ArgumentParser

/// The one vocabulary of output formats: `--format table|json|csv`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
