/// How fast sound dies away in the room: after speech stops, a reverberant room's level falls
/// smoothly, along a straight line in dB (60 dB per reverberation time), where a dry room's falls
/// to the noise within a few frames. Measured on every smooth fall of at least `minimumDrop` dB.
struct RoomDecay {
    /// Falls shallower than this are not counted, in dB.
    var minimumDrop: Float = 20
    /// A frame may rise this much over the one before without ending the fall (noise), in dB.
    var tolerance: Float = 1.0
    private var previous: Float?
    private var top: Float = 0
    private var frames = 0
    private var slopes = IntensityHistogram()
    private var falls = 0

    /// Feeds one frame's speech-band level, in dB.
    mutating func process(level: Float) {
        defer { previous = level }
        if let previous, level < previous + tolerance {
            frames += 1
            return
        }
        if let previous, frames > 0, top - previous >= minimumDrop {
            // dB per frame, stored ×10 so the histogram's 0.5 dB bins resolve 0.05 dB per frame.
            slopes.add((top - previous) / Float(frames) * 10 - 100)
            falls += 1
            isReverberant = (slopes.percentile(0.5) + 100) / 10 <= Self.reverberantSlope
        }
        top = level
        frames = 0
    }

    /// Falls this slow or slower, in dB per frame, mean a reverberation time of 0.6 s or more.
    static let reverberantSlope: Float = 1.0

    /// Whether the room rings long enough to hide the start of short pauses: the median fall is
    /// `reverberantSlope` or slower (brought up to date with each fall, not each frame).
    private(set) var isReverberant = false
}
