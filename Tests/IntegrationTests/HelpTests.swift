import Foundation
import Testing
import TestSupport

/// The top-level help as a person first sees it: grouped as the README groups the commands, and
/// no line wider than 80 columns. Changing a command's abstract means updating this on purpose.
@Suite struct HelpTests {
    static let expected = """
        OVERVIEW: Practise spoken answers to interview questions, offline, and watch
        your hesitation shrink.

        Everything stays on this machine: recordings are ordinary WAV or FLAC files.
        Set REHEARSE_AUDIO_DEBUG=1 to see the audio system's own diagnostics.

        USAGE: rehearse <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        PRACTICE SUBCOMMANDS:
          practice                Practise answering interview questions out loud (the
                                  main job).
          interview               A mock phone interview: questions heard through a
                                  phone line, answers back to back, a debrief.
          prompts                 List the decks of interview questions and their
                                  prompts.

        SESSIONS SUBCOMMANDS:
          sessions                List your sessions: practice and mock interviews.
          show                    Show one session: every answer with its measures and
                                  timeline (and a mock interview's debrief).
          play                    Listen to an answer, or to any audio file.
          note                    Add a note and a confidence rating to an answer.
          import                  Import answers recorded elsewhere (a phone, another
                                  app) as answers to a prompt.
          delete                  Delete a session and its recordings.
          doctor                  Check that the database and the recordings agree, and
                                  repair what does not.

        PROGRESS SUBCOMMANDS:
          report                  Am I getting better? Your hesitation session by
                                  session, and its trend.
          compare                 Two sessions side by side, with answers to the same
                                  question paired up.
          export                  Every answer with its measures, for a spreadsheet, R
                                  or pandas.

        AUDIO FILES AND DEVICES SUBCOMMANDS:
          record                  Record from the microphone into an audio file.
          analyze                 Measure pauses, response latency and speech rate in
                                  recorded answers.
          devices                 List the audio input and output devices.

          See 'rehearse help <subcommand>' for detailed help.
        """

    @Test func topLevelHelpIsGroupedAndFitsEightyColumns() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        let result = try ChildProcess.run(Paths.rehearseExecutable.path, ["--help"], environment: environment)
        #expect(result.status == 0)
        #expect(result.standardOutput == Self.expected + "\n")
        #expect(result.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func everyCommandHasHelpThatFitsEightyColumns() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        for command in [
            "practice", "prompts", "sessions", "show", "play", "note", "import", "delete", "doctor", "report",
            "compare", "export", "record", "analyze", "devices",
        ] {
            let result = try ChildProcess.run(
                Paths.rehearseExecutable.path, [command, "--help"], environment: environment)
            #expect(result.status == 0, "\(command)")
            #expect(result.standardOutput.hasPrefix("OVERVIEW: "), "\(command)")
            let wide = result.standardOutput.split(separator: "\n").filter { $0.count > 80 }
            #expect(wide.isEmpty, "\(command): \(wide)")
        }
    }
}
