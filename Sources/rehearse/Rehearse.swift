import ArgumentParser
import Foundation

@main
struct Rehearse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Practise spoken answers to interview questions, offline, and watch your hesitation shrink.",
        discussion: """
            Everything stays on this machine: recordings are ordinary WAV or FLAC files.
            Set REHEARSE_AUDIO_DEBUG=1 to see the audio system's own diagnostics.
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(
                name: "Practice", subcommands: [PracticeCommand.self, InterviewCommand.self, PromptsCommand.self]),
            CommandGroup(
                name: "Sessions",
                subcommands: [
                    SessionsCommand.self, ShowCommand.self, PlayCommand.self, NoteCommand.self, ImportCommand.self,
                    DeleteCommand.self, DoctorCommand.self,
                ]),
            CommandGroup(name: "Progress", subcommands: [ReportCommand.self, CompareCommand.self, ExportCommand.self]),
            CommandGroup(
                name: "Audio files and devices",
                subcommands: [RecordCommand.self, AnalyzeCommand.self, DevicesCommand.self]),
        ]
    )

    /// The one place errors end a command: a failure users can cause prints one line and exits
    /// with status 1; parsing errors, `--help` and `ExitCode` go through ArgumentParser as usual.
    static func main() {
        let failure: any Error
        do {
            var command = try parseAsRoot()
            try command.run()
            return
        } catch {
            failure = error
        }
        if let message = userFacingMessage(failure) {
            printError(message)
            exit(withError: ExitCode.failure)
        }
        exit(withError: failure)
    }
}
