import Testing

@testable import Analysis

/// The rules that judge a held vowel once it is found, on held vowels made to measure: where it
/// stands (alone between silences, or inside a phrase) changes what it must show.
@Suite struct FilledPauseRuleTests {
    let detector = FilledPauseDetector(stability: 8, minimumFrames: 25)
    /// The speaker's typical F2, in Hz.
    let typical: Float = 1_500

    /// A held vowel of `frames` frames whose F2 is `share` of the speaker's typical one, fading
    /// `slope` dB per frame, its F2 moving by `glide` of the typical one over the run.
    func vowel(frames: Int = 35, share: Float, slope: Float = 0, glide: Float = 0) -> FilledPauseDetector.Event {
        FilledPauseDetector.Event(
            frames: 100...(100 + frames - 1), meanChange: 4, peak: -20, slope: slope,
            secondFormant: share * typical, secondFormantDrift: glide * typical)
    }

    @Test func aVowelGlidingDownCountsOnlyStandingAlone() {
        // An "er" trailing off on its own, its F2 sinking by a fifth: a hesitation. Inside a phrase,
        // a glide like that is a diphthong ("so…") or a vowel into /l/ ("well…").
        let sinking = vowel(share: 0.9, glide: -0.2)
        #expect(detector.isCentral(sinking, typicalSecondFormant: typical, standingAlone: true))
        #expect(!detector.isCentral(sinking, typicalSecondFormant: typical, standingAlone: false))
        #expect(!detector.isCentral(vowel(share: 0.9, glide: -0.3), typicalSecondFormant: typical, standingAlone: true))
    }

    @Test func aVowelAtTheEdgeOfCentralCountsOnlyStandingAlone() {
        // 0.78 of the typical F2: where a drawn-out "so" can lie inside a phrase.
        let edge = vowel(share: 0.78)
        #expect(detector.isCentral(edge, typicalSecondFormant: typical, standingAlone: true))
        #expect(!detector.isCentral(edge, typicalSecondFormant: typical, standingAlone: false))
        // Well inside the range, it counts wherever it stands; well outside, nowhere.
        for alone in [true, false] {
            #expect(detector.isCentral(vowel(share: 0.9), typicalSecondFormant: typical, standingAlone: alone))
            #expect(!detector.isCentral(vowel(share: 0.6), typicalSecondFormant: typical, standingAlone: alone))
            #expect(!detector.isCentral(vowel(share: 1.3), typicalSecondFormant: typical, standingAlone: alone))
        }
    }

    @Test func standingAloneMeansSilenceBeforeAndAtMostANasalAfter() {
        let stretch = TimeSpan(start: 10, end: 10.6)
        #expect(FilledPauseDetector.standsAlone(TimeSpan(start: 10.02, end: 10.4), in: stretch))
        // The rest of a phrase after it ("and… then I would"), or a consonant before it ("s-o…").
        #expect(!FilledPauseDetector.standsAlone(TimeSpan(start: 10.02, end: 10.3), in: stretch))
        #expect(!FilledPauseDetector.standsAlone(TimeSpan(start: 10.2, end: 10.58), in: stretch))
    }

    @Test func aFilledPauseIsItsStretchWhereItsVowelIsTheMostOfIt() {
        let stretch = TimeSpan(start: 10, end: 11)
        // The vowel begins the stretch, and a long "m" or a fading end of up to half a second follows.
        #expect(FilledPauseDetector.fillsItsStretch(TimeSpan(start: 10.05, end: 10.55), stretch))
        // Or it ends the stretch, after an onset of up to half a second.
        #expect(FilledPauseDetector.fillsItsStretch(TimeSpan(start: 10.45, end: 10.9), stretch))
        // More than that at the other end is the next words, said without a pause; and a vowel
        // with sound on both sides lies inside a phrase.
        #expect(!FilledPauseDetector.fillsItsStretch(TimeSpan(start: 10.05, end: 10.4), stretch))
        #expect(!FilledPauseDetector.fillsItsStretch(TimeSpan(start: 10.6, end: 10.9), stretch))
        #expect(!FilledPauseDetector.fillsItsStretch(TimeSpan(start: 10.2, end: 10.7), stretch))
    }

    @Test func aShortVowelFadingFastDoesNotKeepItsLoudness() {
        // 0.35 s, fading 0.4 dB per 10 ms: a word's ending dying away, or an "uh" trailing off.
        let fading = vowel(frames: 35, share: 0.9, slope: -0.4)
        #expect(!FilledPauseDetector.holdsItsLoudness(fading))
        #expect(FilledPauseDetector.holdsItsLoudness(vowel(frames: 35, share: 0.9, slope: -0.1)))
        #expect(FilledPauseDetector.holdsItsLoudness(vowel(frames: 60, share: 0.9, slope: -0.4)))
    }

    @Test func aVowelTooShortToJudgeCountsOnlyAsAShortPhraseOnItsOwn() {
        // 0.15 s of held vowel: under the 0.2 s any held vowel needs.
        #expect(!detector.isLongEnough(vowel(frames: 15, share: 0.9)))
        #expect(detector.isLongEnough(vowel(frames: 20, share: 0.9)))
        let held = TimeSpan(start: 10.03, end: 10.18)
        // "um" between two pauses: the vowel, then its nasal.
        #expect(FilledPauseDetector.isShortPhrase(TimeSpan(start: 10, end: 10.3), around: held))
        // The same vowel at the start of a longer phrase, or after a word of a short one.
        #expect(!FilledPauseDetector.isShortPhrase(TimeSpan(start: 10, end: 10.9), around: held))
        #expect(!FilledPauseDetector.isShortPhrase(TimeSpan(start: 9.8, end: 10.3), around: held))
    }
}
