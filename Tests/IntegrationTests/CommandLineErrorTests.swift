import Foundation
import Testing
import TestSupport

/// Bad input and a machine without sound: one clear line on standard error, a non-zero exit, and
/// none of the audio libraries' own noise.
@Suite struct CommandLineErrorTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    let rehearse = Paths.rehearseExecutable.path
    /// An environment whose ALSA default device is a sound card that is not there, and with no sound
    /// server: what a machine without a microphone looks like to PortAudio. (An entirely empty ALSA
    /// configuration is no good: PortAudio 19.6 trips an assertion on it.)
    let silentMachine: [String: String]

    init() throws {
        scratch = try TemporaryFolder("rehearse-errors")
        let folder = scratch.url
        let absentCardConfig = folder.appendingPathComponent("asound.conf").path
        _ = FileManager.default.createFile(
            atPath: absentCardConfig, contents: Data("pcm.!default { type hw card 99 }\n".utf8))
        var environment = ProcessInfo.processInfo.environment
        for key in ["PULSE_SERVER", "PULSE_CLIENTCONFIG", "REHEARSE_VIRTUAL_AUDIO", "REHEARSE_AUDIO_DEBUG"] {
            environment[key] = nil
        }
        environment["ALSA_CONFIG_PATH"] = absentCardConfig
        silentMachine = environment
    }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ChildProcess.run(rehearse, arguments, environment: silentMachine)
    }

    @Test func noMicrophoneIsOneLine() throws {
        let output = folder.appendingPathComponent("a.wav").path
        let result = try run(["record", output, "--duration", "1"])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "rehearse: error: no audio input device found (is a microphone connected and a sound server running?)\n"
        )
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Practice without a microphone stops before the first question: no question shown, nothing
    /// counted as asked, no empty session.
    @Test func practiceOrInterviewWithoutAMicrophoneStopsBeforeTheFirstQuestion() throws {
        let home = try Paths.practiceHome(in: folder)
        let result = try run(["practice", "--home", home.path, "--non-interactive", "--think", "0"])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "rehearse: error: no audio input device found (is a microphone connected and a sound server running?)\n"
        )
        #expect(!result.standardOutput.contains("Question"))
        let sessions = try run(["sessions", "--home", home.path])
        #expect(sessions.standardOutput == "No practice sessions yet. Start one with: rehearse practice\n")
        // The same for a mock interview: one line before the interviewer says a word, nothing stored.
        let interview = try run(["interview", "--home", home.path, "--non-interactive"])
        #expect(interview.status == 1)
        #expect(interview.standardError == result.standardError)
        #expect(interview.standardOutput.isEmpty)
        #expect(try run(["sessions", "--home", home.path]).standardOutput == sessions.standardOutput)
    }

    /// `record` never destroys a recording by accident, and never writes WAV data under another name.
    @Test func recordKeepsExistingFilesAndWritesOnlyWhatItsNameSays() throws {
        let existing = folder.appendingPathComponent("answer.wav")
        try Data("keep me".utf8).write(to: existing)
        let kept = try run(["record", existing.path, "--duration", "1"])
        #expect(kept.status == 1)
        #expect(kept.standardError == "rehearse: error: '\(existing.path)' already exists; add --force to replace it\n")
        #expect(try Data(contentsOf: existing) == Data("keep me".utf8))
        let ogg = try run(["record", folder.appendingPathComponent("r.ogg").path])
        #expect(ogg.status == 64)
        #expect(ogg.standardError.contains("rehearse records WAV or FLAC: name the file .wav or .flac, not 'r.ogg'"))
        let mismatch = try run(["record", folder.appendingPathComponent("r.wav").path, "--format", "flac"])
        #expect(mismatch.status == 64)
    }

    @Test func noSpeakerIsOneLine() throws {
        let file = folder.appendingPathComponent("tone.wav").path
        let sox = try ChildProcess.run("sox", ["-n", "-r", "16000", "-c", "1", file, "synth", "0.5", "sine", "440"])
        try #require(sox.status == 0)
        let result = try run(["play", file])
        #expect(result.status == 1)
        #expect(result.standardError == "rehearse: error: no audio output device found\n")
    }

    /// Time values are checked where they enter: an infinite or huge value is refused with the option's
    /// name, before anything is created.
    @Test(arguments: [
        (["practice", "--think", "inf"], "--think must be zero or more seconds"),
        (["practice", "--think", "1e300"], "--think must be at most 86400 seconds (a day)"),
        (["practice", "--limit", "1e300"], "--limit must be at most 86400 seconds (a day)"),
        (["practice", "--limit", "nan"], "--limit must be a positive number of seconds"),
        (["record", "x.wav", "--duration", "inf"], "--duration must be a positive number of seconds"),
        (["play", "x.wav", "--from", "inf"], "--from must be zero or a positive number of seconds, at most 86400"),
        (["analyze", "x.wav", "--min-pause", "inf"], "--min-pause must be between 0 and 10 seconds"),
    ])
    func impossibleTimesAreRefusedByName(_ arguments: [String], _ message: String) throws {
        let home = folder.appendingPathComponent("times")
        let result = try run(arguments + (arguments[0] == "practice" ? ["--home", home.path] : []))
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: home.path))
    }

    /// libmpg123 comments on a damaged MP3 on standard error; the user sees rehearse's one line only.
    @Test func aDamagedMP3IsOneLineWithoutDecoderChatter() throws {
        let file = folder.appendingPathComponent("broken.mp3")
        var bytes: [UInt8] = [0xFF, 0xFB, 0x90, 0x00]
        var state: UInt32 = 7
        for _ in 0..<3_000 {
            state = state &* 1_103_515_245 &+ 12_345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        try Data(bytes).write(to: file)
        let result = try run(["analyze", file.path])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("rehearse: error: cannot read '\(file.path)': "))
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
    }

    @Test func missingFileIsOneLine() throws {
        let file = folder.appendingPathComponent("missing.wav").path
        let result = try run(["play", file])
        #expect(result.status == 1)
        #expect(result.standardError == "rehearse: error: cannot read '\(file)': no such file\n")
    }

    @Test func nonAudioFileIsOneLine() throws {
        let file = folder.appendingPathComponent("notes.txt").path
        _ = FileManager.default.createFile(atPath: file, contents: Data("my notes\n".utf8))
        let result = try run(["play", file])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "rehearse: error: cannot read '\(file)': not an audio file libsndfile or FFmpeg can read (FFmpeg: Invalid data found when processing input)\n"
        )
    }

    @Test func startingPastTheEndIsOneLine() throws {
        let file = folder.appendingPathComponent("short.wav").path
        let sox = try ChildProcess.run("sox", ["-n", "-r", "16000", "-c", "1", file, "synth", "0.5", "sine", "440"])
        try #require(sox.status == 0)
        let result = try run(["play", file, "--from", "3"])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "rehearse: error: cannot read '\(file)': cannot start at 3.0 s: the file is 0.50 s long\n")
    }

    @Test func badArgumentsExplainThemselves() throws {
        let result = try run(["record", "a.wav", "--duration", "0"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--duration must be a positive number of seconds"))
    }
}
