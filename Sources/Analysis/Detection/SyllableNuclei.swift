/// Finds syllable nuclei as peaks of the intensity contour, after de Jong & Wempe (2009, "Praat
/// script to detect syllable nuclei and measure speech rate automatically", Behavior Research
/// Methods 41(2)): a peak counts when the contour dips at least `minimumDip` dB on both sides, when
/// it lies within `relativeThreshold` dB of the recording's loud end (its 99th percentile), and when
/// it is voiced. Voicing here is a spectral proxy (most energy below 1 kHz) rather than a pitch track.
struct SyllableNuclei {
    struct Peak {
        var time: Double
        var intensity: Float
        var voiced: Bool
    }

    var minimumDip: Float = 2
    var relativeThreshold: Float = 25
    var minimumLowBandShare: Float = 0.4

    private(set) var peaks: [Peak] = []
    private var histogram = IntensityHistogram()
    private var lookingForPeak = false
    private var extreme = Peak(time: 0, intensity: .infinity, voiced: false)
    /// Three-point smoothing of the contour (one frame of delay).
    private var previous: (time: Double, intensity: Float, share: Float)?
    private var beforePrevious: Float?

    /// Feeds one frame's intensity (dB) and low-band share at `time`.
    mutating func process(time: Double, intensity: Float, lowBandShare: Float) {
        histogram.add(intensity)
        defer {
            beforePrevious = previous?.intensity
            previous = (time, intensity, lowBandShare)
        }
        guard let previous, let beforePrevious else { return }
        let smoothed = 0.25 * beforePrevious + 0.5 * previous.intensity + 0.25 * intensity
        track(Peak(time: previous.time, intensity: smoothed, voiced: previous.share >= minimumLowBandShare))
    }

    private mutating func track(_ point: Peak) {
        if lookingForPeak {
            if point.intensity > extreme.intensity {
                extreme = point
            } else if point.intensity < extreme.intensity - minimumDip {
                peaks.append(extreme)
                lookingForPeak = false
                extreme = point
            }
        } else {
            if point.intensity < extreme.intensity {
                extreme = point
            } else if point.intensity > extreme.intensity + minimumDip {
                lookingForPeak = true
                extreme = point
            }
        }
    }

    /// The nuclei that pass the loudness and voicing tests and fall inside `speech`.
    func nuclei(within speech: [TimeSpan]) -> [Double] {
        let threshold = histogram.percentile(0.99) - relativeThreshold
        var result: [Double] = []
        var run = 0
        for peak in peaks where peak.voiced && peak.intensity >= threshold {
            while run < speech.count && speech[run].end < peak.time { run += 1 }
            if run < speech.count && speech[run].start <= peak.time { result.append(peak.time) }
        }
        return result
    }
}

/// Counts intensities in 0.5 dB bins so percentiles need constant memory however long the audio.
struct IntensityHistogram {
    private static let floor: Float = -150
    private static let width: Float = 0.5
    private var counts = [Int](repeating: 0, count: 400)
    private var total = 0

    mutating func add(_ decibels: Float) {
        // Clamp before converting: an overflowing level (inf) or NaN must never reach Int().
        let position = ((decibels - Self.floor) / Self.width).rounded(.down)
        let bin = position.isNaN ? 0 : Int(min(Float(counts.count - 1), max(0, position)))
        counts[bin] += 1
        total += 1
    }

    /// The level below which `fraction` of the values lie, in dB; of the values below `limit` only,
    /// when one is given.
    func percentile(_ fraction: Double, below limit: Float = .infinity) -> Float {
        let population = count(below: limit)
        guard population > 0 else { return Self.floor }
        let target = Int((fraction * Double(population)).rounded(.up))
        var seen = 0
        for (bin, count) in counts.enumerated() {
            seen += count
            if seen >= target { return Self.floor + (Float(bin) + 0.5) * Self.width }
        }
        return Self.floor + Float(counts.count) * Self.width
    }

    /// How many values lie below `limit` dB (all of them for infinity).
    func count(below limit: Float = .infinity) -> Int {
        guard limit.isFinite else { return total }
        let end = Int(min(Float(counts.count), max(0, ((limit - Self.floor) / Self.width).rounded(.down))))
        return counts[..<end].reduce(0, +)
    }
}
