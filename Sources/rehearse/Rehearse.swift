import ArgumentParser

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
        subcommands: [PracticeCommand.self, PromptsCommand.self, SessionsCommand.self, ShowCommand.self, NoteCommand.self, ImportCommand.self, DeleteCommand.self, DoctorCommand.self, ReportCommand.self, CompareCommand.self, ExportCommand.self, RecordCommand.self, PlayCommand.self, AnalyzeCommand.self, DevicesCommand.self]
    )
}
