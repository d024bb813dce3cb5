import ArgumentParser
import Foundation
import Sessions

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the database and the recordings agree, and repair what does not.",
        discussion: """
            Recordings the database does not know (left by a crash) are always imported. Answers whose \
            audio file has disappeared are reported; --repair removes them from the database.
            """
    )

    @OptionGroup var home: HomeOptions

    @Flag(help: "Remove takes whose audio file is missing.")
    var repair = false

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            let missing = try Maintenance.takesWithoutAudio(home: home.home, store: store)
            if missing.isEmpty {
                print("All \(try store.recordedFiles().count) takes have their audio; nothing to repair.")
                return
            }
            for file in missing { print("missing audio: \(file)") }
            if repair {
                for file in missing { try store.forgetTake(file: file) }
                print("Removed \(missing.count) take\(missing.count == 1 ? "" : "s") without audio from the database.")
            } else {
                print("\(missing.count) take\(missing.count == 1 ? "" : "s") without audio. Run 'rehearse doctor --repair' to remove them from the database.")
                throw ExitCode.failure
            }
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import answers recorded elsewhere (a phone, another app) as answers to a prompt.",
        discussion: "The audio is analysed and stored as a WAV copy under Recordings/; the original is not changed."
    )

    @OptionGroup var home: HomeOptions

    @Argument(help: "Audio files (WAV, FLAC, OGG, MP3, AIFF…).")
    var files: [String]

    @Option(help: "The prompt they answer (an id from 'rehearse prompts').")
    var prompt: String

    @Option(help: "When they were recorded, ISO 8601 (e.g. 2026-11-20 or 2026-11-20T18:30:00Z); default: the file's date.")
    var date: String?

    @Option(help: "Add to this existing session instead of a new one.")
    var session: String?

    func run() throws {
        try reportingErrors {
            let decks = home.loadDecks()
            guard let prompt = decks.flatMap(\.prompts).first(where: { $0.id == self.prompt }) else {
                fail("no prompt with id '\(self.prompt)' (see 'rehearse prompts')")
            }
            var recordedAt: Date?
            if let date {
                guard let parsed = Self.parseDate(date) else { fail("--date '\(date)' is not an ISO 8601 date such as 2026-11-20 or 2026-11-20T18:30:00Z") }
                recordedAt = parsed
            }
            let store = try home.openStore(decks: decks)
            var failed = false
            var target = session
            for file in files {
                do {
                    let result = try Maintenance.importRecording(file, prompt: prompt, into: target, recordedAt: recordedAt, home: home.home, store: store)
                    target = target ?? (files.count > 1 ? result.session : nil)
                    print("Imported \(file) into session \(result.session): " + TakeSummary.line(result.take))
                } catch {
                    Console.note("rehearse: " + Console.red("error: ") + "\(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    static func parseDate(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a session and its recordings.")

    @OptionGroup var home: HomeOptions

    @Argument(help: "Session id from 'rehearse sessions'.")
    var session: String

    @Flag(help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func run() throws {
        try reportingErrors {
            let store = try home.openStore()
            guard try store.session(session) != nil else { fail("no session '\(session)' (see 'rehearse sessions')") }
            let takes = try store.answers(in: session).flatMap(\.takes).count
            if !yes {
                Console.ask("Delete session \(session) and its \(takes) recording\(takes == 1 ? "" : "s")? This cannot be undone. [y/N] ")
                guard let reply = readLine(), ["y", "yes"].contains(reply.lowercased()) else {
                    print("Nothing deleted.")
                    return
                }
            }
            try store.deleteSession(session)
            try? FileManager.default.removeItem(at: home.home.recordings.appendingPathComponent(session))
            print("Deleted session \(session).")
        }
    }
}
