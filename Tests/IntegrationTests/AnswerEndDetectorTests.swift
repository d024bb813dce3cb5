import Analysis
import AudioIO
import Foundation
import RepeatableRandom
import Testing
import TestSupport

/// The live end of an answer, on espeak-ng speech fed as a microphone would (20 ms blocks).
@Suite struct AnswerEndDetectorTests {
    /// Samples of `file` (mono, any rate the reader opens) and its rate.
    static func samples(_ file: URL) throws -> ([Float], Int) {
        let reader = try AudioFileReader(path: file.path)
        let rate = reader.sampleRate
        return (try reader.readAllMono(), rate)
    }

    /// Feeds `samples` block by block; returns the time the answer was declared over, if it was.
    static func endTime(of samples: [Float], rate: Int, endSilence: Double) -> Double? {
        var detector = AnswerEndDetector(sampleRate: rate, endSilence: endSilence)
        let block = rate / 50
        var position = 0
        while position < samples.count {
            let end = min(samples.count, position + block)
            samples[position..<end].withUnsafeBufferPointer { detector.process($0) }
            position = end
            if detector.hasEnded { return Double(position) / Double(rate) }
        }
        return nil
    }

    @Test(arguments: [16_000, 48_000])
    func theAnswerEndsAfterTheConfiguredSilenceNotBeforeTheFirstWord(rate: Int) throws {
        try TemporaryFolder.with { folder in
            // 6 s of silence before the first word (a freeze), then speech, then 4 s of silence.
            let file = try SpeechFixtures.speech(
                SpeechFixtures.interviewAnswer, sampleRate: rate, leadingSilence: 6, trailingSilence: 4, in: folder)
            let (samples, sampleRate) = try Self.samples(file)
            let analysis = SpeechAnalyzer.analyze(samples, sampleRate: sampleRate)
            let lastWord = try #require(analysis.runs.last?.end)
            let ended = try #require(Self.endTime(of: samples, rate: sampleRate, endSilence: 2.5))
            // Within 0.5 s of the configured silence after the last word (the bound).
            #expect(abs(ended - (lastWord + 2.5)) < 0.5, "ended at \(ended), last word at \(lastWord)")
            // A shorter configured silence ends sooner; the pauses inside the answer (under 1 s) do
            // not end it even at 1.5 s.
            let sooner = try #require(Self.endTime(of: samples, rate: sampleRate, endSilence: 1.5))
            #expect(abs(sooner - (lastWord + 1.5)) < 0.5, "ended at \(sooner)")
        }
    }

    /// Speaking is known from the first words on, before they end: the interviewer must not
    /// reassure someone who has just begun.
    @Test func speakingIsKnownWhileTheFirstWordsLast() throws {
        try TemporaryFolder.with { folder in
            let file = try SpeechFixtures.speech(
                SpeechFixtures.interviewAnswer, sampleRate: 16_000, leadingSilence: 1, in: folder)
            let (samples, rate) = try Self.samples(file)
            var detector = AnswerEndDetector(sampleRate: rate, endSilence: 2.5)
            // 1.0 s of silence, then 0.5 s into the first sentence.
            samples[..<(rate * 3 / 2)].withUnsafeBufferPointer { detector.process($0) }
            #expect(detector.isSpeaking && !detector.hasEnded)
        }
    }

    @Test func silenceAloneNeverEndsAnAnswer() {
        let rate = 16_000
        var random = RepeatableRandomNumberGenerator(seed: 5)
        let samples = (0..<(rate * 12)).map { _ in Float.random(in: -0.001...0.001, using: &random) }
        #expect(Self.endTime(of: samples, rate: rate, endSilence: 2.5) == nil)
    }
}
