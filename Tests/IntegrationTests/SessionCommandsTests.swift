import Analysis
import Foundation
import GRDB
import Testing
import TestSupport

/// The session commands that need no sound device: import, sessions, show, note, doctor, delete,
/// and how they cope with a damaged database or deck.
@Suite struct SessionCommandsTests {
    let scratch: TemporaryFolder
    let home: URL
    let answer: URL
    let rehearse = Paths.rehearseExecutable.path

    init() throws {
        scratch = try TemporaryFolder("rehearse-sessions")
        let folder = scratch.url
        home = try Paths.practiceHome(in: folder)
        let one = try SpeechFixtures.speech(
            "I would listen first", sampleRate: 16_000, leadingSilence: 0.8, trailingSilence: 1.5, in: folder,
            name: "one")
        let two = try SpeechFixtures.speech(
            "and then act", sampleRate: 16_000, trailingSilence: 0.5, in: folder, name: "two")
        answer = folder.appendingPathComponent("phone.flac")
        try #require(try ChildProcess.run("sox", [one.path, two.path, answer.path]).status == 0)
    }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ChildProcess.run(rehearse, arguments + ["--home", home.path], environment: Paths.utcEnvironment)
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    }

    /// A phone's voice memo (AAC in M4A), WebM (Opus), a video's sound (MP4) and AMR, each made by
    /// the real encoders, are decoded through FFmpeg: imported as a WAV take, analysed like the
    /// original (the same pause, the same start within 60 ms: the codecs add their own delay). An AMR
    /// file FFmpeg can only partly decode (sox writes silence frames, which FFmpeg's AMR decoder does
    /// not implement) must be refused on one line, never measured with its silences missing.
    @Test(arguments: ["m4a", "webm", "mp4", "amr"])
    func phoneFormatsImportThroughFFmpeg(format: String) throws {
        let memo = scratch.url.appendingPathComponent("memo.\(format)")
        let made: ProcessResult
        switch format {
        case "m4a": made = try ChildProcess.run("ffmpeg", ["-v", "error", "-i", answer.path, "-c:a", "aac", memo.path])
        case "webm":
            made = try ChildProcess.run("ffmpeg", ["-v", "error", "-i", answer.path, "-c:a", "libopus", memo.path])
        case "mp4":
            made = try ChildProcess.run(
                "ffmpeg",
                [
                    "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=64x64:d=6", "-i", answer.path, "-c:v",
                    "libx264",
                    "-c:a", "aac", "-shortest", memo.path,
                ])
        default: made = try ChildProcess.run("sox", [answer.path, "-r", "8000", "-t", "amr-nb", memo.path])
        }
        try #require(made.status == 0, "\(made.standardError)")

        let imported = try run(["import", memo.path, "--prompt", "first-90-days", "--date", "2026-11-02"])
        if format == "amr" && imported.status != 0 {
            #expect(imported.status == 1)
            #expect(imported.standardError.hasPrefix("rehearse: error: cannot read '\(memo.path)': "))
            #expect(imported.standardError.filter { $0 == "\n" }.count == 1)
            #expect((try json(["sessions", "--json"]) as? [Any])?.count == 0)  // nothing left behind
            return
        }
        #expect(imported.status == 0, "\(imported.standardError)")
        let shown = try #require(try json(["show", "20261102-000000", "--json"]) as? [String: Any])
        let take = try #require(((shown["answers"] as? [[String: Any]])?.first?["takes"] as? [[String: Any]])?.first)
        #expect(take["pauseCount"] as? Int == 1)
        let latency = try #require(take["latency"] as? Double)
        #expect(abs(latency - 0.8) < 0.06, "latency \(latency)")
        #expect(
            FileManager.default.fileExists(
                atPath: home.appendingPathComponent("Recordings/20261102-000000/01-first-90-days-take1.wav").path))
    }

    /// Without FFmpeg, the error names the file and what to install, on one line.
    @Test func withoutFFmpegAPhoneMemoSaysWhatToInstall() throws {
        let memo = scratch.url.appendingPathComponent("memo.m4a")
        let made = try ChildProcess.run("ffmpeg", ["-v", "error", "-i", answer.path, "-c:a", "aac", memo.path])
        try #require(made.status == 0, "\(made.standardError)")
        var environment = Paths.utcEnvironment
        environment["PATH"] = "/nonexistent"
        let result = try ChildProcess.run(
            rehearse, ["import", memo.path, "--prompt", "first-90-days", "--home", home.path], environment: environment)
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "rehearse: error: cannot read '\(memo.path)': not an audio file libsndfile can read (Format not recognised.); M4A, AAC, AMR, WebM and MP4 need FFmpeg (on Debian: sudo apt install ffmpeg)\n"
        )
    }

    /// An answer measured by an older detector: `report` and `doctor` say so, `doctor --reanalyse`
    /// measures it again, and then nothing is left to say.
    @Test func olderDetectorAnswersAreNamedAndReanalysed() throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-01"]).status == 0)
        let database = home.appendingPathComponent("Recordings/rehearse.sqlite").path
        try DatabaseQueue(path: database).write { db in
            try db.execute(
                sql:
                    "UPDATE take SET detectorVersion = 1, pauseCount = 7, signalToNoise = NULL, backgroundSpeech = NULL"
            )
        }
        let report = try run(["report"])
        #expect(report.standardError.contains("1 answer was measured by an older version of the detector"))
        let doctor = try run(["doctor"])
        #expect(
            doctor.standardOutput.contains(
                "1 take was measured by an older detector; run 'rehearse doctor --reanalyse'"))
        // Prose notes wrap at word boundaries to the terminal (80 columns without one).
        for output in [report.standardError, doctor.standardOutput] {
            #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(output)")
        }

        let reanalysed = try run(["doctor", "--reanalyse"])
        #expect(reanalysed.status == 0, "\(reanalysed.standardError)")
        #expect(
            reanalysed.standardOutput.contains(
                "Re-analysed 1 take with detector version \(AnswerAnalysis.detectorVersion)."))
        let take = try #require(
            ((try json(["show", "last", "--json"]) as? [String: Any])?["answers"] as? [[String: Any]])?.first?["takes"]
                as? [[String: Any]])
        #expect(take.first?["pauseCount"] as? Int == 1)
        #expect(!(try run(["report"]).standardError.contains("older version")))
        #expect(!(try run(["doctor"]).standardOutput.contains("older detector")))
    }

    /// `--no-fillers` on an answer that is stored: its filled-pause measures are unknown (null, not
    /// 0), and stay so when `doctor --reanalyse` measures it again with a newer detector; the same
    /// audio imported without the flag has them.
    @Test func anAnswerStoredWithoutFillersKeepsThatChoiceWhenReanalysed() throws {
        func takes() throws -> [[String: Any]] {
            let show = try #require(try json(["show", "last", "--json"]) as? [String: Any])
            let answers = try #require(show["answers"] as? [[String: Any]])
            return try answers.flatMap { try #require($0["takes"] as? [[String: Any]]) }.map {
                try #require($0["metrics"] as? [String: Any])
            }
        }
        let imported = try run(["import", answer.path, "--prompt", "first-90-days", "--no-fillers"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let session = try #require(
            imported.standardOutput.split(separator: " ").drop { $0 != "session" }.dropFirst().first.map {
                String($0.dropLast())
            })
        let again = try run(["import", answer.path, "--prompt", "first-90-days", "--again", "--session", session])
        #expect(again.status == 0, "\(again.standardError)")
        var stored = try takes()
        try #require(stored.count == 2)
        #expect(stored[0]["filledPauseCount"] is NSNull && stored[0]["filledPauseStability"] is NSNull)
        #expect(stored[1]["filledPauseCount"] as? Int == 0)
        #expect(stored[1]["filledPauseStability"] as? Double == AnalysisSettings.defaultFilledPauseStability)
        let analysed = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    try ChildProcess.run(rehearse, ["analyze", answer.path, "--no-fillers", "--format", "json"])
                        .standardOutput.utf8))
                as? [String: Any])
        #expect((analysed["metrics"] as? [String: Any])?["filledPauseCount"] is NSNull)

        let database = home.appendingPathComponent("Recordings/rehearse.sqlite").path
        try DatabaseQueue(path: database).write { db in try db.execute(sql: "UPDATE take SET detectorVersion = 3") }
        let reanalysed = try run(["doctor", "--reanalyse"])
        #expect(reanalysed.standardOutput.contains("Re-analysed 2 takes"), "\(reanalysed.standardOutput)")
        stored = try takes()
        #expect(stored[0]["filledPauseCount"] is NSNull && stored[0]["filledPauseStability"] is NSNull)
        #expect(stored[1]["filledPauseCount"] as? Int == 0)
    }

    @Test func importedAnswerLandsOnItsDateWithItsPause() throws {
        let imported = try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-01"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.hasPrefix("Imported \(answer.path) into session 20261101-000000: "))
        let sessions = try #require(try json(["sessions", "--json"]) as? [[String: Any]])
        #expect(sessions.count == 1)
        #expect((sessions[0]["startedAt"] as? String)?.hasPrefix("2026-11-01") == true)
        let shown = try #require(try json(["show", "20261101-000000", "--json"]) as? [String: Any])
        let take = try #require(((shown["answers"] as? [[String: Any]])?.first?["takes"] as? [[String: Any]])?.first)
        #expect(take["pauseCount"] as? Int == 1)
        #expect(((take["longestPause"] as? Double) ?? 0) >= 1.5)
        #expect(
            FileManager.default.fileExists(
                atPath: home.appendingPathComponent("Recordings/20261101-000000/01-first-90-days-take1.wav").path))

        let noted = try run(["note", "20261101-000000", "1", "Recorded on the bus", "--rating", "4"])
        #expect(noted.status == 0)
        let annotated = try #require(try json(["show", "last", "--json"]) as? [String: Any])
        #expect((annotated["answers"] as? [[String: Any]])?.first?["rating"] as? Int == 4)
    }

    @Test func importRejectsAnUnknownPromptAndABadDate() throws {
        let unknown = try run(["import", answer.path, "--prompt", "no-such-prompt"])
        #expect(unknown.status == 1)
        #expect(
            unknown.standardError == "rehearse: error: no prompt with id 'no-such-prompt' (see 'rehearse prompts')\n")
        let badDate = try run(["import", answer.path, "--prompt", "first-90-days", "--date", "last tuesday"])
        #expect(badDate.status == 1)
        #expect(badDate.standardError.contains("is not an ISO 8601 date"))
    }

    @Test func doctorFindsAndRepairsATakeWhoseAudioIsGone() throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-02"]).status == 0)
        #expect(try run(["doctor"]).standardOutput.hasPrefix("All 1 takes have their audio"))
        try FileManager.default.removeItem(
            at: home.appendingPathComponent("Recordings/20261102-000000/01-first-90-days-take1.wav"))
        let check = try run(["doctor"])
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("missing audio: Recordings/20261102-000000/01-first-90-days-take1.wav"))
        #expect(try run(["doctor", "--repair"]).status == 0)
        #expect(try run(["doctor"]).status == 0)
    }

    /// Audio replaced by noise is not "all takes have their audio"; the take is kept, not repaired away.
    @Test func doctorDecodesEveryTakeAndKeepsUnreadableOnes() throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-04"]).status == 0)
        let take = home.appendingPathComponent("Recordings/20261104-000000/01-first-90-days-take1.wav")
        var state: UInt32 = 11
        try Data(
            (0..<20_000).map { _ -> UInt8 in
                state = state &* 1_103_515_245 &+ 12_345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
        ).write(to: take)
        let check = try run(["doctor"])
        #expect(check.status == 1)
        #expect(
            check.standardOutput.contains("unreadable audio: Recordings/20261104-000000/01-first-90-days-take1.wav: "))
        #expect(try run(["doctor", "--repair"]).status == 1)
        #expect(FileManager.default.fileExists(atPath: take.path))
        #expect(try run(["sessions"]).standardOutput.contains("20261104-000000"))
    }

    /// Deck text is a stranger's: escape sequences that would retitle or recolour the terminal are
    /// removed before printing.
    @Test func deckTextCannotDriveTheTerminal() throws {
        try "title: \"Evil\\e]0;pwned\\a\"\nprompts:\n  - id: evil-1\n    text: \"Hello\\e[31m red\"\n".write(
            to: home.appendingPathComponent("Prompts/evil.yaml"), atomically: false, encoding: .utf8)
        let listed = try run(["prompts", "--deck", "evil"])
        #expect(listed.status == 0, "\(listed.standardError)")
        #expect(listed.standardOutput.contains("Hello[31m red"))
        #expect(!listed.standardOutput.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    /// `delete last` means the latest session, as `show last` does; files that are not its takes stay.
    @Test func deleteLastDeletesTheLatestSessionAndOnlyItsTakes() throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-05"]).status == 0)
        #expect(
            try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-06", "--again"]).status == 0
        )
        let stranger = home.appendingPathComponent("Recordings/20261106-000000/notes.txt")
        try Data("mine".utf8).write(to: stranger)
        let deleted = try run(["delete", "last", "--yes"])
        #expect(deleted.status == 0, "\(deleted.standardError)")
        #expect(deleted.standardOutput == "Deleted session 20261106-000000.\n")
        #expect(deleted.standardError.contains("kept Recordings/20261106-000000/notes.txt"))
        #expect(FileManager.default.fileExists(atPath: stranger.path))
        #expect(
            !FileManager.default.fileExists(
                atPath: home.appendingPathComponent("Recordings/20261106-000000/01-first-90-days-take1.wav").path))
        #expect(try run(["sessions"]).standardOutput.contains("20261105-000000"))
    }

    /// Read in an 80-column terminal (or a pipe): nothing wraps mid-word, nothing runs past 80.
    @Test func listingsFitEightyColumns() throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-07"]).status == 0)
        #expect(
            try run(["note", "last", "1", String(repeating: "I kept going back to the same example again. ", count: 4)])
                .status == 0)
        for command in [["prompts"], ["show", "last"], ["sessions"], ["report"]] {
            let result = try run(command)
            #expect(result.status == 0, "\(command): \(result.standardError)")
            let wide = result.standardOutput.split(separator: "\n").filter { $0.count > 80 }
            #expect(wide.isEmpty, "\(command): \(wide)")
        }
    }

    /// The same recording imported twice is almost always a mistake that would double-count it.
    @Test func theSameAudioIsNotImportedTwiceUnlessAskedTo() throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-08"]).status == 0)
        let again = try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-09"])
        #expect(again.status == 1)
        #expect(
            again.standardError
                == "rehearse: error: '\(answer.path)' was imported before (answer 1 of session 20261108-000000); add --again to import it anyway\n"
        )
        #expect(!(try run(["sessions"]).standardOutput.contains("20261109")))
        #expect(
            try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-09", "--again"]).status == 0
        )
    }

    /// The same in a real terminal (a pty from `script`) of 80 columns, and the full headings when
    /// the terminal is wide enough.
    @Test(arguments: [80, 160])
    func tablesFollowTheTerminalsWidth(columns: Int) throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-10"]).status == 0)
        for command in ["prompts", "sessions", "report", "show last"] {
            let line = "stty cols \(columns) rows 50; '\(rehearse)' \(command) --home '\(home.path)'"
            let result = try ChildProcess.run("script", ["-qec", line, "/dev/null"], environment: Paths.utcEnvironment)
            #expect(result.status == 0, "\(command): \(result.standardOutput)")
            let lines = result.standardOutput.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
            #expect(
                lines.allSatisfy { $0.count <= columns },
                "\(command) at \(columns): \(lines.filter { $0.count > columns })")
            if command == "report" {
                #expect(lines.first?.contains(columns >= 150 ? "pauses/min" : "p/min") == true, "\(lines.first ?? "")")
            }
        }
    }

    @Test func deleteAsksFirstUnlessToldNotTo() throws {
        #expect(try run(["import", answer.path, "--prompt", "first-90-days", "--date", "2026-11-03"]).status == 0)
        let declined = try run(["delete", "20261103-000000"])  // no input: not a yes
        #expect(declined.standardOutput.hasSuffix("Nothing deleted.\n"))
        #expect((try json(["sessions", "--json"]) as? [Any])?.count == 1)
        #expect(try run(["delete", "20261103-000000", "--yes"]).status == 0)
        #expect((try json(["sessions", "--json"]) as? [Any])?.count == 0)
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("Recordings/20261103-000000").path))
    }

    @Test func aDamagedDatabaseIsOneLineAndLeftAlone() throws {
        let database = home.appendingPathComponent("Recordings/rehearse.sqlite")
        try FileManager.default.createDirectory(
            at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: database)
        let result = try run(["sessions"])
        #expect(result.status == 1)
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(
            result.standardError.hasPrefix("rehearse: error: '\(database.path)' is damaged or not a rehearse database"))
        #expect(try Data(contentsOf: database) == garbage)
    }

    @Test func aBrokenDeckIsNamedAndTheOthersStillLoad() throws {
        try "title: Mine\nprompts:\n  - id: mine-1\n    text: [broken\n".write(
            to: home.appendingPathComponent("Prompts/mine.yaml"), atomically: false, encoding: .utf8)
        let result = try run(["prompts", "--json"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("warning: deck '\(home.path)/Prompts/mine.yaml', line "))
        let prompts = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: String]])
        #expect(prompts.count >= 60)
        #expect(Set(prompts[0].keys) == ["id", "deck", "category", "text"])
    }
}
