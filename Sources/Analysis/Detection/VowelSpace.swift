/// Where one speaker's vowels lie: their typical F2, against which a held vowel is judged central
/// ("uh", "er") or not ("so", "and", "well"), whatever the size of the speaker's vocal tract (a
/// vowel's formants scale with it: women's lie 15–20 % above men's; dividing by the speaker's own
/// typical value, as Nearey 1978 does with the log mean, removes that).
///
/// Learns every voiced frame into a histogram of F2 against loudness (constant memory); the typical
/// value is the median over the frames within `range` dB of the speaker's loudest, which are their
/// vowels, not other voices or the noise.
struct VowelSpace {
    /// Frames this far under the speaker's loud end still count, in dB.
    static let range: Float = 20
    private static let levelStep: Float = 2
    private static let levelCount = 60  // −120 to 0 dB
    /// F2 bins: 50 Hz wide from 500 Hz to 3.5 kHz.
    private static let lowest: Float = 500
    private static let step: Float = 50
    private static let binCount = 60
    private var counts: [Int32]

    init() {
        counts = Array(repeating: 0, count: Self.levelCount * Self.binCount)
    }

    /// Learns a voiced frame's F2 (Hz) at its intensity (dB, as `FrameFeatures.intensity`).
    mutating func learn(secondFormant: Float, intensity: Float) {
        let bin = min(Self.binCount - 1, max(0, Int((secondFormant - Self.lowest) / Self.step)))
        counts[Self.row(of: intensity) * Self.binCount + bin] += 1
    }

    /// The median F2 (Hz) of the frames within `range` dB of `loudEnd`; nil before any.
    func typicalSecondFormant(loudEnd: Float) -> Float? {
        var totals = [Int](repeating: 0, count: Self.binCount)
        for row in Self.row(of: loudEnd - Self.range)..<Self.levelCount {
            for bin in 0..<Self.binCount { totals[bin] += Int(counts[row * Self.binCount + bin]) }
        }
        let all = totals.reduce(0, +)
        guard all > 0 else { return nil }
        var seen = 0
        for (bin, total) in totals.enumerated() {
            seen += total
            if 2 * seen >= all { return Self.lowest + (Float(bin) + 0.5) * Self.step }
        }
        return nil
    }

    private static func row(of intensity: Float) -> Int {
        min(levelCount - 1, max(0, Int((intensity + 120) / levelStep)))
    }
}
