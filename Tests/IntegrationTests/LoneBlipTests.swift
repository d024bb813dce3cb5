import Analysis
import FileAnalysis
import Foundation
import Testing
import TestSupport

/// A 60 ms snatch of another voice, as loud as the speaker, alone in the lead-in and alone in a
/// pause: no word said on its own is that short. Version 7 took the first for the answer's first
/// word (latency 0.50 s for 1.00 s) and cut the pause in two (0.45 s and 0.45 s for one of 1.3 s).
@Suite struct LoneBlipTests {
    /// Two phrases of espeak-ng's default voice with a second of silence before the first and
    /// between them; `blips` puts 60 ms of another voice (its loudest syllable) in the middle of each.
    static func answer(in folder: URL, blips: Bool) throws -> URL {
        let other = try SpeechFixtures.speech(
            "the weather will be fine tomorrow", sampleRate: 16_000, voice: "en+f3", in: folder, name: "other")
        let first = try SpeechFixtures.speech(
            "I would start by listening to the team", sampleRate: 16_000, in: folder, name: "first")
        let second = try SpeechFixtures.speech(
            "and then pick one small problem to solve", sampleRate: 16_000, trailingSilence: 0.5, in: folder,
            name: "second")
        let snatch = folder.appendingPathComponent("snatch.wav")
        try #require(
            try ChildProcess.run(
                "sox", [other.path, snatch.path, "trim", "0.2", "0.06", "fade", "t", "0.005", "0.06", "0.005"]
            ).status == 0)
        let blip = folder.appendingPathComponent("blip.wav")
        try #require(try ChildProcess.run("sox", [snatch.path, blip.path, "vol", blips ? "1" : "0"]).status == 0)
        let before = folder.appendingPathComponent("before.wav")
        let after = folder.appendingPathComponent("after.wav")
        try #require(
            try ChildProcess.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", before.path, "trim", "0", "0.5"])
                .status == 0)
        try #require(
            try ChildProcess.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", after.path, "trim", "0", "0.44"])
                .status == 0)
        let file = folder.appendingPathComponent(blips ? "with.wav" : "without.wav")
        let silence = [before.path, blip.path, after.path]
        try #require(
            try ChildProcess.run("sox", silence + [first.path] + silence + [second.path, file.path]).status == 0)
        return file
    }

    @Test func aLoneSyllableIsNotAWord() throws {
        try TemporaryFolder.with { folder in
            let without = try RecordingAnalysis.analyze(file: Self.answer(in: folder, blips: false).path)
            let with = try RecordingAnalysis.analyze(file: Self.answer(in: folder, blips: true).path)
            let start = try #require(without.latency)
            let latency = try #require(with.latency)
            #expect(abs(latency - start) < 0.05, "latency \(latency) s for \(start) s")
            let pause = try #require(without.pauses.first)
            #expect(without.pauses.count == 1 && pause.duration > 1)
            #expect(with.pauses.count == 1, "\(with.pauses) for \(without.pauses)")
            if let found = with.pauses.first {
                #expect(abs(found.start - pause.start) < 0.05 && abs(found.end - pause.end) < 0.05, "\(found)")
            }
        }
    }
}
