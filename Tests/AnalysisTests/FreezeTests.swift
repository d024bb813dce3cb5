import Testing

@testable import Analysis

/// Freeze moments from pauses and filled pauses, worked by hand.
@Suite struct FreezeTests {
    func span(_ start: Double, _ end: Double) -> TimeSpan { TimeSpan(start: start, end: end) }

    @Test func oneLongSilenceIsAFreezeAndAShorterOneIsNot() {
        #expect(Freeze.find(pauses: [span(3, 5.5)], filledPauses: [], threshold: 2) == [span(3, 5.5)])
        #expect(Freeze.find(pauses: [span(3, 4.9)], filledPauses: [], threshold: 2).isEmpty)
    }

    /// 1.0 s pause, 0.4 s of speech, 0.6 s "um", 0.5 s of speech, 0.5 s pause: 2.1 s of hesitation
    /// with less than a second of speech between: one freeze from 10 to 13 s.
    @Test func hesitationsCloseTogetherAddUp() {
        let pauses = [span(10, 11), span(12.5, 13)]
        let filled = [span(11.4, 12.0)]
        #expect(Freeze.find(pauses: pauses, filledPauses: filled, threshold: 2) == [span(10, 13)])
        // The same hesitation with 1.2 s of speech before the last pause: 1.6 s, then 0.5 s.
        let apart = [span(10, 11), span(13.2, 13.7)]
        #expect(Freeze.find(pauses: apart, filledPauses: filled, threshold: 2).isEmpty)
        // A stricter threshold is the user's choice, and is stored with the measures.
        let metrics = FluencyMetrics(
            duration: 20, runs: [span(1, 10), span(11, 12.5), span(13, 19)], pauses: pauses, filledPauses: filled,
            syllables: [], freezes: Freeze.find(pauses: pauses, filledPauses: filled, threshold: 3),
            minimumPause: 0.25, freezeThreshold: 3)
        #expect(metrics.freezeCount == 0 && metrics.longestFreeze == nil && metrics.freezeThreshold == 3)
    }

    @Test func unknownIsNotZero() {
        let metrics = FluencyMetrics(duration: 5, runs: [span(1, 4)], pauses: [], syllables: [], minimumPause: 0.25)
        #expect(metrics.freezeCount == nil && metrics.freezeThreshold == nil)
    }
}
