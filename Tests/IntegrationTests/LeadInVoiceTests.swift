import Analysis
import FileAnalysis
import Foundation
import Testing
import TestSupport

/// Someone else talking, 10 or 20 dB down, before the person answering says a word: taken for the
/// first words, it makes the response latency seconds too short (version 4, at 10 dB: 0.31 s for
/// 3.26 s, without a caution). It must be left out, and the answer flagged.
@Suite struct LeadInVoiceTests {
    static func answer(in folder: URL, otherVoice: Bool, belowSpeaker: Int = 20) throws -> URL {
        let other = try SpeechFixtures.speech(
            "the weather will be fine tomorrow", sampleRate: 16_000, voice: "en+f3", leadingSilence: 0.3,
            trailingSilence: 1.2, in: folder, name: "other")
        let quiet = folder.appendingPathComponent("other-quiet.wav")
        let silence = folder.appendingPathComponent("silence.wav")
        let first = try SpeechFixtures.speech(
            "I would start by listening to the team", sampleRate: 16_000, in: folder, name: "first")
        let second = try SpeechFixtures.speech(
            "and then pick one small problem to solve", sampleRate: 16_000, trailingSilence: 0.5, in: folder,
            name: "second")
        let file = folder.appendingPathComponent(otherVoice ? "with.wav" : "without.wav")
        try #require(try ChildProcess.run("sox", [other.path, quiet.path, "vol", "-\(belowSpeaker)dB"]).status == 0)
        try #require(try ChildProcess.run("sox", [other.path, silence.path, "vol", "0"]).status == 0)
        let lead = otherVoice ? quiet : silence
        try #require(try ChildProcess.run("sox", [lead.path, first.path, second.path, file.path]).status == 0)
        return file
    }

    /// The other voice is left out of the answer (the latency is the speaker's, as without it), and
    /// the answer still carries the caution: the other voice may have hidden or split pauses too.
    @Test(arguments: [20, 10])
    func aQuietVoiceBeforeTheAnswerIsNotItsFirstWords(belowSpeaker: Int) throws {
        try TemporaryFolder.with { folder in
            let with = try RecordingAnalysis.analyze(
                file: Self.answer(in: folder, otherVoice: true, belowSpeaker: belowSpeaker).path)
            let without = try RecordingAnalysis.analyze(file: Self.answer(in: folder, otherVoice: false).path)
            // The answer itself starts at the same moment in both files.
            let start = try #require(without.latency)
            #expect(without.reliability.backgroundSpeech == false, "\(without.reliability)")
            let latency = try #require(with.latency)
            #expect(abs(latency - start) < 0.1, "latency \(latency) s for \(start) s")
            #expect(with.reliability.cautions.contains { $0.contains("latency may be wrong either way") })
        }
    }
}
