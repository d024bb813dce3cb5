/// How fast sound dies away in the room: after speech stops, a reverberant room's level falls
/// smoothly, along a straight line in dB (60 dB per reverberation time), where a dry room's falls
/// to the noise within a few frames. Measured on every smooth fall of at least
/// `Falls.minimumDrop` dB.
///
/// A fall is followed as long as no frame rises more than 1 dB over the one before. The tail of a
/// long reverberation flickers more than that now and then, and in some answers in a room of 0.9 s
/// not one fall of 20 dB survived (5 of 22, 3 of 12 and 4 of 12 answers in three accuracy
/// corpora), so the room was taken for a dry one and short pauses vanished in the ringing. Falls
/// are therefore also followed with 1.5 dB of leeway, each ending at its lowest frame (with that
/// leeway a fall runs on along the noise floor), and that measure is used where the strict one
/// found no fall at all. Used always, the looser falls looked ragged in some rooms of 0.6 s, which
/// were then no longer recognised (pause F1 there 0.970 → 0.957).
///
/// A real voice's short phrases in a room of 0.9 s can leave no fall of 20 dB even so: the next
/// phrase starts 0.3–0.4 s after the last, before the ringing has fallen that far (the alsa-utils
/// voice: 3 of 5 answers of a fresh corpus). Where neither measure found a fall, falls of
/// `Falls.shallowDrop` dB are used (version 24). And where all that reads as a dry room, the same
/// measures on the level averaged over 30 ms may still show a ringing one (`smoothedLine`,
/// version 28).
struct RoomDecay {
    private var falls = FallMeasures()
    /// The same measures on the level averaged over the last `smoothing` frames (`smoothedLine`).
    private var smoothedFalls = FallMeasures()
    private var recentLevels: [Float] = []

    /// Feeds one frame's speech-band level, in dB.
    mutating func process(level: Float) {
        falls.process(level: level)
        recentLevels.append(level)
        if recentLevels.count > Self.smoothing { recentLevels.removeFirst() }
        smoothedFalls.process(level: recentLevels.reduce(0, +) / Float(recentLevels.count))
    }

    /// Frames averaged for `smoothedFalls` (30 ms).
    static let smoothing = 3
    /// A room whose falls read faster than `reverberantSlope` is still reverberant when, on the
    /// level averaged over `smoothing` frames, they read this slow or slower, in dB per frame: the
    /// fall of a room of 0.6 s in theory (60 dB in 60 frames). A long synthetic or real ringing tail
    /// flickers by 3–7 dB from frame to frame, which breaks its falls into short steep pieces: in
    /// 34 of 356 answers in rooms of 0.6 and 0.9 s over the accuracy corpora, mostly the alsa-utils
    /// voice's, the room read as dry (1.3 to 5.5 dB per frame, or no fall), while the averaged
    /// level fell 0.5 to 0.8 dB per frame in 0.9 s rooms. On the averaged level no dry answer of
    /// 3,560 read under 1.8, and rooms of 0.3 s 1.27 and up (version 28).
    static let smoothedLine: Float = 1.0

    /// The median fall, in dB per frame, in a recording whose signal-to-noise ratio is
    /// `signalToNoise` dB (nil: no room sound to measure it by, digital silence); nil before any
    /// fall was measured, and in a recording too noisy for a fall of `Falls.minimumDrop` dB with
    /// `noiseMargin` dB to spare above the noise: there a fall that deep ends in the noise's own
    /// dips. Words fading into white noise 10 dB down passed for a reverberant room so (two answers
    /// of twelve in a fresh corpus, one of them with seven false pauses).
    func medianFall(signalToNoise: Double?) -> Float? {
        if let signalToNoise, signalToNoise < Double(Falls.minimumDrop + Self.noiseMargin) { return nil }
        let fall = falls.medianFall
        if (fall ?? .infinity) > Self.reverberantSlope, let smoothed = smoothedFalls.medianFall,
            smoothed <= Self.smoothedLine
        {
            return smoothed
        }
        return fall
    }

    /// Whether the room rings long enough to hide the start of short pauses: the median fall is
    /// `reverberantSlope` or slower.
    func isReverberant(signalToNoise: Double?) -> Bool {
        (medianFall(signalToNoise: signalToNoise) ?? .infinity) <= Self.reverberantSlope
    }

    /// Whether the room rings, but not long enough to hide short pauses (a reverberation time of
    /// about 0.3 s): its median fall lies between `reverberantSlope` and `roughFall`. In the accuracy
    /// corpora dry rooms read 1.9 dB per frame and up in clean audio, and with noise their ragged
    /// falls count at `roughFall`: not one of about 2,000 dry answers read under it. Rooms of 0.3 s
    /// read 1.4 to 2.2, 68 of 129 under it (BENCHMARKS.md, version 21).
    func ringsLightly(signalToNoise: Double?) -> Bool {
        guard let fall = medianFall(signalToNoise: signalToNoise) else { return false }
        return fall > Self.reverberantSlope && fall < Self.roughFall
    }

    /// Whether the room may ring at all: its median fall is `ringingFall` or slower. Dry rooms read
    /// from 1.9 dB per frame in clean audio, so this says nothing of pauses hidden in the ringing
    /// (`isReverberant`, `ringsLightly`); it says where the room may have shaped a phrase's level
    /// (`SpeechTracker`'s lead-in rule, version 31).
    func mayRing(signalToNoise: Double?) -> Bool {
        (medianFall(signalToNoise: signalToNoise) ?? .infinity) <= Self.ringingFall
    }

    /// The fall of a room of 0.3 s in theory (60 dB in 30 frames), in dB per frame.
    static let ringingFall: Float = 2.0

    /// Where a fall straying from a straight line is counted, in dB per frame: as fast as a room
    /// that does not ring (see `roughestDecay`).
    static let roughFall: Float = reverberantSlope + 0.5

    /// A room's decay is a straight line in dB (the energy dies away exponentially: Sabine's and
    /// Schroeder's model of reverberation); a fall straying from its straight line by more than this
    /// (RMS, dB) is counted as fast whatever its slope. In the accuracy corpus the slow falls of
    /// reverberant rooms strayed 1.1–1.4 dB in the median (90th percentile 2.0–2.5), those of a
    /// word fading into white noise 3.7 (10th percentile 2.2–2.3): without this, one answer in
    /// white noise in 20 or so was taken for a reverberant room.
    static let roughestDecay: Float = 2.5

    /// Falls this slow or slower, in dB per frame, mean a reverberation time of about 0.46 s or
    /// more. A room of 0.6 s falls 1 dB per frame in theory, but its answers' median falls read 0.7
    /// to 1.5 (a real voice's half the time over 1.0, the line until version 19, so half of its
    /// rooms passed for dry ones and short pauses vanished in the ringing); rooms of 0.3 s read 1.37
    /// to 2.2, and dry ones 1.5 (brown noise and hum 10 dB down) and up. At 1.5, rooms of 0.3 s were
    /// taken for reverberant ones and their word tails cut into false pauses (BENCHMARKS.md, version
    /// 19).
    static let reverberantSlope: Float = 1.3

    /// How far over `Falls.minimumDrop` the signal-to-noise ratio must be for the falls to tell the
    /// room, in dB. Pink noise 10 dB down read a ratio of 19.5 to 20.5 dB, and answers in it fell
    /// as slowly as a reverberant room's (0.93 and 1.13 dB per frame) into the noise's dips.
    static let noiseMargin: Float = 5
}

/// The falls of the level followed three ways (`RoomDecay`), and the median slope of the first
/// way that found any.
private struct FallMeasures {
    private var strict = Falls(tolerance: 1.0, endsAtLowest: false)
    private var loose = Falls(tolerance: 1.5, endsAtLowest: true)
    private var shallow = Falls(tolerance: 1.5, endsAtLowest: true, drop: Falls.shallowDrop)

    /// Feeds one frame's speech-band level, in dB.
    mutating func process(level: Float) {
        strict.process(level: level)
        loose.process(level: level)
        shallow.process(level: level)
    }

    /// The median fall, in dB per frame; nil before any fall was measured.
    var medianFall: Float? { strict.medianFall ?? loose.medianFall ?? shallow.medianFall }
}

/// The falls of the level followed with one tolerance, and their median slope.
private struct Falls {
    /// Falls shallower than this are not counted, in dB…
    static let minimumDrop: Float = 20
    /// …unless none that deep was found at all. At 15 dB the alsa-utils voice's rooms of 0.9 s were
    /// recognised in eight fresh six-answer corpora (pause F1 0.53–0.76 → 0.65–0.77) and no answer
    /// without reverberation changed; 12 dB gained less (0.64–0.76).
    static let shallowDrop: Float = 15
    /// A frame may rise this much over the one before without ending the fall (noise), in dB.
    let tolerance: Float
    private var previous: Float?
    private var top: Float = 0
    private var frames = 0
    private var slopes = IntensityHistogram()
    /// Least-squares sums of the fall being followed (level against frame), for `straying`.
    private var sums = (x: Float(0), y: Float(0), xy: Float(0), xx: Float(0), yy: Float(0), count: Float(0))

    private mutating func follow(_ level: Float) {
        let x = sums.count
        sums = (sums.x + x, sums.y + level, sums.xy + x * level, sums.xx + x * x, sums.yy + level * level, x + 1)
    }

    /// How fast the fall being followed drops along its straight line (least squares), in dB per
    /// frame; nil for a single frame.
    private var lineSlope: Float? {
        let n = sums.count
        let xVariance = sums.xx - sums.x * sums.x / n
        guard n > 1, xVariance > 0 else { return nil }
        return -(sums.xy - sums.x * sums.y / n) / xVariance
    }

    /// How far the fall being followed strays from a straight line, in dB (RMS of the residuals).
    private var straying: Float {
        let n = sums.count
        guard n > 2 else { return 0 }
        let xVariance = sums.xx - sums.x * sums.x / n
        let yVariance = sums.yy - sums.y * sums.y / n
        let covariance = sums.xy - sums.x * sums.y / n
        guard xVariance > 0 else { return 0 }
        return max(0, (yVariance - covariance * covariance / xVariance) / n).squareRoot()
    }

    /// Whether a fall ends at its lowest frame (else at the frame before the rise that ended it).
    let endsAtLowest: Bool
    /// The lowest frame of the fall being followed: its level, its frame, and the sums up to it.
    private var lowest = (
        level: Float(0), frames: 0,
        sums: (x: Float(0), y: Float(0), xy: Float(0), xx: Float(0), yy: Float(0), count: Float(0))
    )

    /// Falls shallower than this are not counted, in dB (`minimumDrop` or `shallowDrop`).
    let drop: Float

    init(tolerance: Float, endsAtLowest: Bool, drop: Float = Falls.minimumDrop) {
        self.tolerance = tolerance
        self.endsAtLowest = endsAtLowest
        self.drop = drop
    }

    /// Feeds one frame's speech-band level, in dB.
    mutating func process(level: Float) {
        defer { previous = level }
        if let previous, level < previous + tolerance {
            frames += 1
            follow(level)
            if level < lowest.level { lowest = (level, frames, sums) }
            return
        }
        if endsAtLowest { (frames, sums) = (lowest.frames, lowest.sums) }
        if let previous, case let end = endsAtLowest ? lowest.level : previous, frames > 0,
            top - end >= drop
        {
            // The slope of the fall's straight line, not of its top to its end: a word's fall begins
            // with its direct sound dropping fast, and where the room's noise ends the fall soon
            // (20–25 dB down), that first drop set the slope and some rooms of 0.6 s read as dry
            // ones (BENCHMARKS.md, version 16).
            var slope = lineSlope ?? (top - end) / Float(frames)
            // A fall that strays from a straight line is a word fading in noise, not a room ringing.
            if straying > RoomDecay.roughestDecay { slope = max(slope, RoomDecay.roughFall) }
            // dB per frame, stored ×10 so the histogram's 0.5 dB bins resolve 0.05 dB per frame.
            slopes.add(slope * 10 - 100)
            medianFall = (slopes.percentile(0.5) + 100) / 10
        }
        top = level
        frames = 0
        sums = (0, 0, 0, 0, 0, 0)
        follow(level)
        lowest = (level, 0, sums)
    }

    /// The median fall, in dB per frame, once any fall was measured (brought up to date with each
    /// fall).
    private(set) var medianFall: Float?
}
