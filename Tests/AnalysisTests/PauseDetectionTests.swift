import Foundation
import Testing

@testable import Analysis

/// Synthetic answers built from known parts: bursts of a voice-like harmonic tone separated by exact
/// gaps, so every boundary is known before the analysis runs.
@Suite struct PauseDetectionTests {
    /// A voiced-sounding burst: 140 Hz fundamental with harmonics up to 3.5 kHz, a syllable-rate
    /// (4 Hz) loudness wobble, and 10 ms fades.
    static func burst(seconds: Double, rate: Int, level: Float = 0.3) -> [Float] {
        let count = Int(seconds * Double(rate))
        return (0..<count).map { n in
            let t = Double(n) / Double(rate)
            var value = 0.0
            for harmonic in 1...25 { value += sin(2 * Double.pi * 140 * Double(harmonic) * t) / Double(harmonic) }
            let wobble = 0.6 + 0.4 * sin(2 * Double.pi * 4 * t)
            let fade = min(1, min(t, Double(count - n) / Double(rate)) / 0.01)
            return Float(value * wobble * fade) * level / 2
        }
    }

    static func silence(_ seconds: Double, rate: Int) -> [Float] {
        [Float](repeating: 0, count: Int(seconds * Double(rate)))
    }

    /// Latency 1 s, bursts of 1.5 s with gaps of 0.6, 0.1 (not a pause) and 2.2 s, 0.8 s trailing.
    static func answer(
        rate: Int, noise: Float = 0, dc: Float = 0, gain: Float = 1
    ) -> (samples: [Float], pauses: [TimeSpan]) {
        var samples = silence(1.0, rate: rate)
        var pauses: [TimeSpan] = []
        for gap in [0.6, 0.1, 2.2] {
            samples += burst(seconds: 1.5, rate: rate)
            let start = Double(samples.count) / Double(rate)
            samples += silence(gap, rate: rate)
            if gap >= 0.25 { pauses.append(TimeSpan(start: start, end: start + gap)) }
        }
        samples += burst(seconds: 1.5, rate: rate) + silence(0.8, rate: rate)
        var state: UInt64 = 12_345
        let noisy = samples.map { sample -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let white = Float(Int32(truncatingIfNeeded: state >> 32)) / Float(Int32.max)
            return (sample + noise * white) * gain + dc
        }
        return (noisy, pauses)
    }

    @Test(arguments: [8_000, 16_000, 22_050, 44_100, 48_000, 96_000])
    func findsExactGapsAtEveryRate(rate: Int) {
        let (samples, truth) = Self.answer(rate: rate)
        let result = SpeechAnalyzer.analyze(samples, sampleRate: rate)
        #expect(result.pauses.count == 2)
        for (found, expected) in zip(result.pauses, truth) {
            #expect(abs(found.start - expected.start) < 0.03, "pause start \(found.start) vs \(expected.start)")
            #expect(abs(found.end - expected.end) < 0.03, "pause end \(found.end) vs \(expected.end)")
        }
        #expect(abs((result.latency ?? 0) - 1.0) < 0.03)
        #expect(abs(result.duration - Double(samples.count) / Double(rate)) < 1e-9)
    }

    @Test func steadyNoiseQuietMicrophoneAndDCOffsetDoNotChangeTheAnswer() {
        let (samples, truth) = Self.answer(rate: 16_000, noise: 0.01, dc: 0.05, gain: 0.1)
        let result = SpeechAnalyzer.analyze(samples, sampleRate: 16_000)
        #expect(result.pauses.count == truth.count)
        for (found, expected) in zip(result.pauses, truth) {
            #expect(found.overlapRatio(with: expected) > 0.9, "found \(found), expected \(expected)")
        }
    }

    @Test func chunkSizeDoesNotChangeTheResult() {
        let (samples, _) = Self.answer(rate: 16_000)
        let whole = SpeechAnalyzer.analyze(samples, sampleRate: 16_000)
        var analyzer = SpeechAnalyzer(sampleRate: 16_000)
        var start = 0
        var size = 1
        while start < samples.count {
            let end = min(samples.count, start + size)
            samples.withUnsafeBufferPointer { analyzer.process(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            start = end
            size = size * 3 % 4_099 + 1
        }
        #expect(analyzer.finish() == whole)
    }

    @Test func theThresholdDecidesWhatCountsAsAPause() {
        let (samples, _) = Self.answer(rate: 16_000)
        #expect(
            SpeechAnalyzer.analyze(samples, sampleRate: 16_000, settings: AnalysisSettings(minimumPause: 1.0)).pauses
                .count == 1)
        #expect(
            SpeechAnalyzer.analyze(samples, sampleRate: 16_000, settings: AnalysisSettings(minimumPause: 0.08)).pauses
                .count == 3)
    }

    @Test func silenceHasNoSpeechAndNoLatency() {
        let result = SpeechAnalyzer.analyze(Self.silence(3, rate: 16_000), sampleRate: 16_000)
        #expect(result.runs.isEmpty)
        #expect(result.latency == nil)
        #expect(result.metrics.pauseCount == 0)
        #expect(result.metrics.speechRate == nil)
        #expect(result.metrics.trailingSilence == 3)
    }

    /// White noise at `level` (full scale 1), repeatable.
    static func hiss(_ seconds: Double, rate: Int, level: Float, seed: UInt64 = 99) -> [Float] {
        var state = seed
        return (0..<Int(seconds * Double(rate))).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int32(truncatingIfNeeded: state >> 32)) / Float(Int32.max) * level
        }
    }

    /// A stream that starts with digital zeros, then a faint room hiss 45 dB below the speech: the
    /// first word is the first burst, not the hiss.
    @Test func digitalZerosThenHissAreNotTheFirstWord() {
        let rate = 16_000
        let (speech, truth) = Self.answer(rate: rate)
        let room = Self.hiss(Double(speech.count) / Double(rate), rate: rate, level: 0.001)
        var samples = zip(speech, room).map { $0 + $1 }
        for index in 0..<(rate * 6 / 10) { samples[index] = 0 }  // 0.6 s of zeros, speech at 1.0 s
        let result = SpeechAnalyzer.analyze(samples, sampleRate: rate)
        #expect(abs((result.latency ?? 0) - 1.0) < 0.03, "latency \(result.latency ?? -1)")
        #expect(result.pauses.count == truth.count)
    }

    /// A knock on the desk about 30 dB below the speaker in the silence before the first word, and
    /// another inside the long pause: neither is speech.
    @Test func aQuietBumpIsNotSpeech() {
        let rate = 16_000
        var (samples, truth) = Self.answer(rate: rate)
        let room = Self.hiss(Double(samples.count) / Double(rate), rate: rate, level: 0.0003)
        samples = zip(samples, room).map { $0 + $1 }
        let knock = Self.hiss(0.12, rate: rate, level: 0.01, seed: 7)
        for start in [0.4, 6.9] {
            for (n, sample) in knock.enumerated() {
                samples[Int(start * Double(rate)) + n] += sample * Float(exp(-Double(n) / Double(rate) / 0.03))
            }
        }
        let result = SpeechAnalyzer.analyze(samples, sampleRate: rate)
        #expect(abs((result.latency ?? 0) - 1.0) < 0.03, "latency \(result.latency ?? -1)")
        #expect(result.pauses.count == truth.count, "pauses \(result.pauses)")
        #expect(result.reliability.backgroundSpeech == false)
    }

    /// One stretch can stand far out of every other of a short answer (a long vowel a small room
    /// builds up, or a word said with emphasis): the loud end is then that stretch's alone, and the
    /// quieter words before it are still the speaker's first words, not another voice's (detector
    /// version 22 took the first two for one: latency 3.8 s for 1 s, and the answer flagged).
    @Test func oneLoudStretchDoesNotMakeTheFirstWordsAnotherVoice() throws {
        let rate = 16_000
        var samples = Self.silence(1.0, rate: rate)
        for (seconds, level) in [(0.8, 0.1), (0.6, 0.1), (1.0, 0.4), (0.8, 0.1), (0.8, 0.1)] as [(Double, Float)] {
            samples += Self.burst(seconds: seconds, rate: rate, level: level) + Self.silence(0.7, rate: rate)
        }
        let hiss = Self.hiss(Double(samples.count) / Double(rate), rate: rate, level: 0.0005)
        let analysis = SpeechAnalyzer.analyze(zip(samples, hiss).map { $0 + $1 }, sampleRate: rate)
        let latency = try #require(analysis.latency)
        #expect(abs(latency - 1.0) < 0.05, "latency \(latency) s for 1 s")
        #expect(!analysis.reliability.backgroundSpeech)
        #expect(analysis.pauses.count == 4)
    }

    @Test func clippingIsCounted() {
        var (samples, _) = Self.answer(rate: 16_000)
        samples = samples.map { max(-1, min(1, $0 * 10)) }
        let result = SpeechAnalyzer.analyze(samples, sampleRate: 16_000)
        #expect(result.clippedFraction > 0.01)
        #expect(result.peakLevel == 1)
    }
}
