import ArgumentParser
import AudioIO
import Foundation
import Reports
import Sessions

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Am I getting better? Your hesitation session by session, and its trend.",
        usage:
            "rehearse report [--since <date>] [--until <date>] [--deck <deck>]\n  [--prompt <prompt>] [--kind <kind>] [--metric <metric>]\n  [--format <format>] [--html <file>] [--embed-audio] [--home <home>]",
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

    @Option(help: "Only practice sessions, or only mock interviews: practice or interview.")
    var kind: PracticeSession.Kind?

    @Option(help: "Only this measure's trend: \(Measure.all.map(\.key).joined(separator: ", ")).")
    var metric: String?

    @Option(help: "table, json or csv.")
    var format: OutputFormat = .table

    @Option(
        help: "Also write the report as one self-contained HTML page (charts, timelines, audio players) to this file.")
    var html: String?

    @Flag(help: "Leave out answers recorded with other voices in the background or in a very noisy room.")
    var trustedOnly = false

    @Flag(help: "Put each answer's audio inside the HTML page (MP3 at a speech bitrate), so the page travels alone.")
    var embedAudio = false

    func validate() throws {
        if let metric, Measure.named(metric) == nil {
            throw ValidationError(
                "unknown --metric '\(metric)'; choose one of \(Measure.all.map(\.key).joined(separator: ", "))")
        }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, DateArgument(argument: value) == nil {
                throw ValidationError("\(name) '\(value)' is not \(DateArgument.expected)")
            }
        }
    }

    func run() throws {
        let store = try home.openStore(readOnly: true)
        // --until names a day: include all of it.
        var filter = ReportFilter(
            since: try DateArgument.parse(since, option: "--since")?.start,
            until: try DateArgument.parse(until, option: "--until")?.end, deck: deck, promptId: prompt)
        filter.trustworthyOnly = trustedOnly
        filter.kind = kind
        try checkNames(store: store, filter: &filter)
        for note in try ReportNotes.about(filter, in: store) { Console.note(wrapped: note) }
        let report = ProgressReport(
            sessions: try store.sessionSummaries(filter),
            measures: metric.flatMap(Measure.named).map { [$0] } ?? Measure.all,
            recovery: prompt == nil ? try store.curveballRecovery(filter) : [])
        if let html {
            let embedded = try writeHTML(report, store: store, to: html)
            let size = (try? FileManager.default.attributesOfItem(atPath: html)[.size] as? Int) ?? 0
            Console.note(
                "Wrote \(html) (\(String(format: "%.1f", Double(size) / 1_048_576)) MB"
                    + (embedAudio ? ", the audio of \(embedded) take\(embedded == 1 ? "" : "s") inside)." : ")."))
        }
        switch format {
        case .table: print(report.table(width: Console.width), terminator: "")
        case .json: print(report.json(), terminator: "")
        case .csv: print(report.csv(), terminator: "")
        }
    }
}

extension ReportCommand {
    /// An unknown --prompt or --deck is a mistake to name, not an empty report; a deck's own
    /// prompts count wherever they were answered.
    private func checkNames(store: SessionStore, filter: inout ReportFilter) throws {
        guard prompt != nil || deck != nil else { return }
        let (answered, practised) = try store.answeredPromptsAndDecks()
        func list(_ names: [String]) -> String {
            names.isEmpty ? "none yet" : names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : "")
        }
        if let prompt, !answered.contains(prompt) {
            throw CommandFailure("no answers to a prompt '\(prompt)' (answered so far: \(list(answered)))")
        }
        if let deck {
            let decks = home.loadDecks()
            let known = Set(decks.map(\.name)).union(practised).sorted()
            guard known.contains(deck) else { throw CommandFailure("no deck named '\(deck)' (decks: \(list(known)))") }
            filter.deckPromptIds = decks.first { $0.name == deck }?.prompts.map(\.id) ?? []
        }
    }

    /// Writes the HTML report, linking each take's audio relative to the page.
    /// - Returns: how many takes' audio was embedded.
    func writeHTML(_ report: ProgressReport, store: SessionStore, to path: String) throws -> Int {
        let page = URL(fileURLWithPath: path).standardizedFileURL
        let sessions = Set(report.sessions.map(\.session))
        // Every analysed take of the report's sessions: the page shows them all, the latest first.
        let answers = try store.exportRows().filter {
            sessions.contains($0.session.id) && $0.take.analysisError == nil
                && (prompt == nil || $0.answer.promptId == prompt)
        }
        let homeFolder = home.practiceHome
        var embedded = 0
        let embed = embedAudio
        let html = HTMLReport(report: report, answers: answers, hesitations: try store.hesitationsByTake()) { take in
            let file = homeFolder.url(of: take.file)
            if embed {
                do {
                    let mp3 = try SharingCopy.mp3(of: file.path)
                    embedded += 1
                    return "data:audio/mpeg;base64," + mp3.base64EncodedString()
                } catch {
                    Console.note("warning: \(error); the page links to the file instead")
                }
            }
            return relativePath(from: page.deletingLastPathComponent(), to: file)
        }.render()
        try FileOutput.write(html, to: page.path)
        return embedded
    }
}

/// `target` as a path relative to `folder`, with `..` where needed.

func relativePath(from folder: URL, to target: URL) -> String {
    let base = folder.standardizedFileURL.pathComponents, parts = target.standardizedFileURL.pathComponents
    var common = 0
    while common < min(base.count, parts.count) && base[common] == parts[common] { common += 1 }
    return (Array(repeating: "..", count: base.count - common) + parts[common...]).joined(separator: "/")
}
