import Analysis
import Foundation
import Testing

@testable import Reports
@testable import Sessions

/// What the practice screen says when it compares a take with an earlier one.
@Suite struct TakeComparisonTests {
    /// A take whose first word comes at `latency` s, then 4 s of speech, a pause of 1.5 s and 5.5 s
    /// more, judged by `reliability` (nil: analysed before verdicts existed).
    static func take(latency: Double, reliability: Reliability?) -> Take {
        let pause = TimeSpan(start: latency + 4, end: latency + 5.5)
        let runs = [TimeSpan(start: latency, end: pause.start), TimeSpan(start: pause.end, end: latency + 11)]
        var take = Take(
            answerId: 1, number: 1, file: "Recordings/s/01-q-take1.wav", recordedAt: Date(), sampleRate: 16_000,
            droppedFrames: 0, duration: latency + 12,
            metrics: FluencyMetrics(
                duration: latency + 12, runs: runs, pauses: [pause], syllables: Array(repeating: 3, count: 30),
                minimumPause: 0.25))
        take.reliability = reliability
        take.detectorVersion = AnswerAnalysis.detectorVersion
        return take
    }

    static let fit = Reliability(signalToNoise: 40, backgroundSpeech: false)
    static let otherVoices = Reliability(signalToNoise: 40, backgroundSpeech: true)
    static let noisy = Reliability(signalToNoise: 9, backgroundSpeech: false)

    @Test func twoFitTakesAreComparedPlainly() {
        let now = Self.take(latency: 1, reliability: Self.fit)
        let then = Self.take(latency: 2.2, reliability: nil)
        #expect(TakeSummary.comparison(now, with: then) == "started 1.2 s sooner")
    }

    /// A difference drawn from a take whose figures may be wrong either way (other voices, a very
    /// noisy room) is not shown as if it were certain.
    @Test func aCautionOnEitherTakeIsNamedBesideTheDifference() {
        let cases: [(Reliability, Reliability, String)] = [
            (Self.otherVoices, Self.fit, "this take carries a caution"),
            (Self.fit, Self.noisy, "the other take carries a caution"),
            (Self.noisy, Self.otherVoices, "both takes carry a caution"),
        ]
        for (now, then, expected) in cases {
            let comparison = TakeSummary.comparison(
                Self.take(latency: 1, reliability: now), with: Self.take(latency: 2.2, reliability: then))
            #expect(comparison == "started 1.2 s sooner (with care: \(expected))")
        }
        let same = TakeSummary.comparison(
            Self.take(latency: 1, reliability: Self.otherVoices), with: Self.take(latency: 1, reliability: Self.fit))
        #expect(same == "about the same (with care: this take carries a caution)")
    }
}
