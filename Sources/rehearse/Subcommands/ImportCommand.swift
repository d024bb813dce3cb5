import ArgumentParser
import Foundation
import Reports
import Sessions

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import answers recorded elsewhere (a phone, another app) as answers to a prompt.",
        usage:
            "rehearse import <files> ... --prompt <prompt> [--date <date>]\n"
            + "  [--session <session>] [--no-fillers] [--filler-steadiness <dB>]\n  [--home <home>]",
        discussion: "The audio is analysed and stored as a WAV copy under Recordings/; the original is not changed."
    )

    @OptionGroup var home: HomeOptions

    @Argument(
        help: "Audio files (WAV, FLAC, OGG, MP3, AIFF; M4A, AMR, WebM, MP4 with FFmpeg).", completion: .audioFiles)
    var files: [String]

    @Option(help: "The prompt they answer (an id from 'rehearse prompts').")
    var prompt: String

    @Option(
        help:
            "When they were recorded, ISO 8601 (e.g. 2026-11-20, 2026-11-20T18:30 local time, or 2026-11-20T18:30:00Z); default: the file's date."
    )
    var date: String?

    @Flag(help: "Import a file even if the same audio was imported before.")
    var again = false

    @Option(help: "Add to this existing session instead of a new one.")
    var session: String?

    @OptionGroup var fillers: FilledPauseOptions

    func run() throws {
        let decks = home.loadDecks()
        guard let prompt = decks.flatMap(\.prompts).first(where: { $0.id == self.prompt }) else {
            throw CommandFailure("no prompt with id '\(self.prompt)' (see 'rehearse prompts')")
        }
        let recordedAt = try DateArgument.parse(date, option: "--date")?.start
        let store = try home.openStore(decks: decks)
        var failed = false
        var target = session
        for file in files {
            do {
                let result = try TakeImport.importRecording(
                    file, prompt: prompt, into: target, recordedAt: recordedAt, home: home.practiceHome, store: store,
                    allowingDuplicate: again, settings: fillers.settings)
                target = target ?? (files.count > 1 ? result.session : nil)
                print("Imported \(file) into session \(result.session): " + TakeSummary.line(result.take.take))
                for warning in result.take.warnings { Console.note("warning: \(file): \(warning)") }
            } catch {
                printError(userFacingMessage(error) ?? "\(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
