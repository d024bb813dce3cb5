import Foundation
import RepeatableRandom
import Testing

@testable import Analysis

/// Words in a reverberant room: each one rings on after it ends, dying away along a straight line
/// in dB. The pause after a word begins where the word ends, not where its ringing sinks under the
/// noise.
@Suite struct ReverberationTests {
    /// The pause-detection bursts as words of 0.4 s, each followed by its reverberant tail, falling
    /// 60 dB in `reverberationTime` seconds from 10 dB under the word's loudest, into dry gaps of 0.5
    /// to 1 s measured from the word's end; a faint hiss 60 dB down throughout.
    static func answer(reverberationTime: Double, rate: Int = 16_000) -> (samples: [Float], pauses: [TimeSpan]) {
        var random = RepeatableRandomNumberGenerator(seed: 21)
        let word = PauseDetectionTests.burst(seconds: 0.4, rate: rate)
        // The ringing: the word's tone, steady, dying away 60 dB per reverberation time.
        let tail = (0..<Int(reverberationTime * Double(rate))).map { index in
            let t = Double(index) / Double(rate)
            var value = 0.0
            for harmonic in 1...25 { value += sin(2 * Double.pi * 140 * Double(harmonic) * t) / Double(harmonic) }
            return Float(0.3 * value * pow(10, -3 * t / reverberationTime)) * 0.3 / 2
        }
        var samples = PauseDetectionTests.silence(1, rate: rate)
        var pauses: [TimeSpan] = []
        for gap in [0.5, 0.7, 1.0, 0.6, 0.8, 0.9, 0.5, 0.7] {
            let end = Double(samples.count + word.count) / Double(rate)
            samples += word
            var ringing = PauseDetectionTests.silence(gap, rate: rate)
            for index in 0..<min(ringing.count, tail.count) { ringing[index] = tail[index] }
            samples += ringing
            pauses.append(TimeSpan(start: end, end: end + gap))
        }
        samples += word + PauseDetectionTests.silence(1, rate: rate)
        return (samples.map { $0 + Float.random(in: -0.0003...0.0003, using: &random) }, pauses)
    }

    /// A room of 0.9 s: every pause is found, and starts within 50 ms of the word's end in the
    /// median (without following the tails, the pause began where the ringing sank 25 dB under the
    /// speaker: 0.23 s late).
    @Test func aPauseStartsWhereTheWordEndsNotWhereItsRingingDies() {
        let (samples, truth) = Self.answer(reverberationTime: 0.9)
        let result = SpeechAnalyzer.analyze(samples, sampleRate: 16_000)
        #expect(result.pauses.count == truth.count, "\(result.pauses)")
        let errors = zip(result.pauses, truth).map { abs($0.start - $1.start) }.sorted()
        #expect(errors[errors.count / 2] < 0.05, "pause starts off by \(errors)")
    }
}
