import ArgumentParser
import Foundation
import Reports
import Sessions

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Am I getting better? Your hesitation session by session, and its trend.",
        discussion: """
            One row per session (the latest take of each answer), then for each measure: its direction, \
            the change between your first and last sessions, and the slope per week. Directions need at \
            least three sessions.
            """
    )

    @OptionGroup var home: HomeOptions

    @Option(help: "Only sessions on or after this date (ISO 8601, e.g. 2026-11-01).")
    var since: String?

    @Option(help: "Only sessions on or before this date.")
    var until: String?

    @Option(help: "Only sessions practised from this deck.")
    var deck: String?

    @Option(help: "Only answers to this prompt: how one question's answer changed over time.")
    var prompt: String?

    @Option(help: "Only this measure's trend: \(Measure.all.map(\.key).joined(separator: ", ")).")
    var metric: String?

    @Option(help: "table, json or csv.")
    var format: ReportFormat = .table

    @Option(help: "Also write the report as one self-contained HTML page (charts, timelines, audio players) to this file.")
    var html: String?

    func validate() throws {
        if let metric, Measure.named(metric) == nil {
            throw ValidationError("unknown --metric '\(metric)'; choose one of \(Measure.all.map(\.key).joined(separator: ", "))")
        }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, ImportCommand.parseDate(value) == nil { throw ValidationError("\(name) '\(value)' is not an ISO 8601 date") }
        }
    }

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            // --until names a day: include all of it.
            let until = until.flatMap(ImportCommand.parseDate).map { $0.addingTimeInterval(self.until!.count == 10 ? 86_399 : 0) }
            let filter = ReportFilter(since: since.flatMap(ImportCommand.parseDate), until: until, deck: deck, promptId: prompt)
            let report = ProgressReport(
                sessions: try store.sessionSummaries(filter), measures: metric.flatMap(Measure.named).map { [$0] } ?? Measure.all,
                recovery: prompt == nil ? try store.curveballRecovery(filter) : [])
            if let html {
                try writeHTML(report, store: store, to: html)
                Console.note("Wrote \(html).")
            }
            switch format {
            case .table: print(report.table(), terminator: "")
            case .json: print(report.json(), terminator: "")
            case .csv: print(report.csv(), terminator: "")
            }
        }
    }
}

extension ReportCommand {
    /// Writes the HTML report, linking each take's audio relative to the page.
    func writeHTML(_ report: ProgressReport, store: SessionStore, to path: String) throws {
        let page = URL(fileURLWithPath: path).standardizedFileURL
        let sessions = Set(report.sessions.map(\.session))
        var latest: [Int64: (session: PracticeSession, answer: Answer, take: Take)] = [:]
        for row in try store.exportRows() where sessions.contains(row.session.id) && row.take.analysisError == nil {
            if prompt == nil || row.answer.promptId == prompt, (latest[row.answer.id!]?.take.number ?? 0) < row.take.number {
                latest[row.answer.id!] = row
            }
        }
        let homeFolder = home.home
        let html = HTMLReport(report: report, answers: Array(latest.values), pauses: try store.pausesByTake()) { take in
            relativePath(from: page.deletingLastPathComponent(), to: homeFolder.url(of: take.file))
        }.render()
        do {
            try html.write(to: page, atomically: true, encoding: .utf8)
        } catch {
            fail("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}

/// `target` as a path relative to `folder`, with `..` where needed.
func relativePath(from folder: URL, to target: URL) -> String {
    let base = folder.standardizedFileURL.pathComponents, parts = target.standardizedFileURL.pathComponents
    var common = 0
    while common < min(base.count, parts.count) && base[common] == parts[common] { common += 1 }
    return (Array(repeating: "..", count: base.count - common) + parts[common...]).joined(separator: "/")
}

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
    var format: ReportFormat = .table

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            var ids: [String] = []
            for name in [first, second] {
                guard let id = try store.session(named: name)?.id else { fail("no session '\(name)' (see 'rehearse sessions')") }
                ids.append(id)
            }
            let summaries = try store.sessionSummaries()
            guard let a = summaries.first(where: { $0.session == ids[0] }), let b = summaries.first(where: { $0.session == ids[1] }) else {
                fail("both sessions need at least one analysed answer")
            }
            let pairs = try SessionComparison.pairs(store: store, first: ids[0], second: ids[1])
            let comparison = SessionComparison(first: a, second: b, pairs: pairs)
            switch format {
            case .table: print(comparison.table(), terminator: "")
            case .json: print(comparison.json(), terminator: "")
            case .csv: print(comparison.csv(), terminator: "")
            }
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Every answer with its measures, for a spreadsheet, R or pandas."
    )

    @OptionGroup var home: HomeOptions

    @Option(help: "csv or json.")
    var format: ReportFormat = .csv

    func validate() throws {
        if format == .table { throw ValidationError("--format must be csv or json") }
    }

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            let rows = try store.exportRows().map(AnswerExport.row)
            print(format == .json ? AnswerExport.json(rows) : AnswerExport.csv(rows), terminator: "")
        }
    }
}
