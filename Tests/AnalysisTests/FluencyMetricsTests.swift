import Testing

@testable import Analysis

/// The measures on hand-made segmentations, with answers worked out by hand.
@Suite struct FluencyMetricsTests {
    // 10 s recording: latency 1 s; runs 1–3, 3.5–6, 8–9; trailing 1 s. Pauses 0.5 s and 2 s.
    let runs = [TimeSpan(start: 1, end: 3), TimeSpan(start: 3.5, end: 6), TimeSpan(start: 8, end: 9)]
    let pauses = [TimeSpan(start: 3, end: 3.5), TimeSpan(start: 6, end: 8)]
    let syllables = (0..<22).map { 1 + Double($0) * 0.35 }

    @Test func measuresMatchHandComputedValues() {
        let m = FluencyMetrics(duration: 10, runs: runs, pauses: pauses, syllables: syllables, minimumPause: 0.25)
        #expect(m.responseLatency == 1)
        #expect(m.trailingSilence == 1)
        #expect(m.speakingTime == 5.5)
        #expect(abs(m.phonationTimeRatio! - 5.5 / 8) < 1e-12)
        #expect(m.pauseCount == 2)
        #expect(abs(m.pausesPerMinute! - 2 / (5.5 / 60)) < 1e-9)
        #expect(m.meanPause == 1.25)
        #expect(m.medianPause == 1.25)
        #expect(m.longestPause == 2)
        #expect(m.totalPauseTime == 2.5)
        #expect(m.pausesOver1s == 1)
        #expect(m.pausesOver2s == 1)
        #expect(abs(m.meanLengthOfRun! - 5.5 / 3) < 1e-12)
        #expect(abs(m.meanLengthOfRunSyllables! - 22.0 / 3) < 1e-12)
        #expect(m.syllableCount == 22)
        #expect(abs(m.speechRate! - 22.0 / 8) < 1e-12)
        #expect(abs(m.articulationRate! - 22.0 / 5.5) < 1e-12)
        #expect(m.minimumPause == 0.25)
    }

    @Test func oddNumberOfPausesHasTheMiddleOneAsMedian() {
        let pauses = [TimeSpan(start: 0, end: 0.3), TimeSpan(start: 1, end: 3), TimeSpan(start: 4, end: 4.5)]
        let m = FluencyMetrics(duration: 5, runs: runs, pauses: pauses, syllables: [], minimumPause: 0.25)
        #expect(m.medianPause == 0.5)
    }

    @Test func shortGapsMergeIntoOneRun() {
        let segments = [TimeSpan(start: 1, end: 2), TimeSpan(start: 2.2, end: 3), TimeSpan(start: 3.3, end: 4)]
        let merged = SpeechAnalyzer.mergeShortGaps(segments, shorterThan: 0.25, clampedTo: 10)
        #expect(merged == [TimeSpan(start: 1, end: 3), TimeSpan(start: 3.3, end: 4)])
    }

    @Test func overlapRatioIsIntersectionOverUnion() {
        #expect(TimeSpan(start: 0, end: 2).overlapRatio(with: TimeSpan(start: 1, end: 3)) == 1.0 / 3)
        #expect(TimeSpan(start: 0, end: 1).overlapRatio(with: TimeSpan(start: 2, end: 3)) == 0)
    }

    @Test func aCoveringSpanHoldsBoth() {
        #expect(TimeSpan(start: 1, end: 2).covering(TimeSpan(start: 0.5, end: 1.5)) == TimeSpan(start: 0.5, end: 2))
        #expect(TimeSpan(start: 1, end: 4).covering(TimeSpan(start: 2, end: 3)) == TimeSpan(start: 1, end: 4))
    }

    @Test func percentilesComeFromTheHistogram() {
        var histogram = IntensityHistogram()
        for value in 0..<100 { histogram.add(Float(-value)) }
        #expect(abs(histogram.percentile(0.99) - -0.75) <= 0.5)
        #expect(abs(histogram.percentile(0.5) - -49.75) <= 0.5)
    }
}
