/// A per-frequency estimate of the background noise's power that adapts as the room changes.
///
/// In frames that look like noise, each bin's estimate follows the smoothed power (a few frames'
/// time constant); in frames that look like speech it may only creep up, by at most `creep` per
/// frame, so that a long sentence does not teach it that speech is the background, while a noise
/// that really grows is still learnt within seconds. It may always fall. This follows the usual
/// scheme of updating the noise model in non-speech frames only (Sohn, Kim & Sung 1999), with the
/// slow rise as a safety valve in the spirit of minimum statistics (Martin 2001, IEEE Trans. Speech
/// Audio Processing 9(5)).
struct NoiseFloor {
    private(set) var power: [Float]
    private var smoothed: [Float]
    /// Frames averaged into the first estimate, assumed to be background (the moment before the
    /// speaker starts); afterwards the estimate adapts as described above.
    static let warmUpFrames = 20
    private var framesSeen = 0
    /// Weight of the newest frame in the smoothed power.
    private let smoothing: Float = 0.3
    /// Weight of the smoothed power when updating in noise-like frames.
    private let follow: Float = 0.05
    /// Largest relative rise per speech frame: 1 dB per second at 100 frames per second.
    private let creep: Float = 0.0023

    init(bins: Int) {
        power = [Float](repeating: 0, count: bins)
        smoothed = [Float](repeating: 0, count: bins)
    }

    /// Learns from one frame's power spectrum; `looksLikeNoise` comes from that frame's speech score.
    /// True during the first frames, while the estimate is still being formed.
    var isWarmingUp: Bool { framesSeen < Self.warmUpFrames }

    mutating func update(with frame: UnsafeBufferPointer<Float>, bins range: Range<Int>, looksLikeNoise: Bool) {
        framesSeen += 1
        if framesSeen <= Self.warmUpFrames {
            let weight = 1 / Float(framesSeen)
            for bin in range {
                smoothed[bin] += weight * (frame[bin] - smoothed[bin])
                power[bin] = smoothed[bin]
            }
            return
        }
        let smoothing = self.smoothing, follow = self.follow, creep = self.creep
        smoothed.withUnsafeMutableBufferPointer { smoothed in
            power.withUnsafeMutableBufferPointer { power in
                for bin in range {
                    let value = smoothed[bin] + smoothing * (frame[bin] - smoothed[bin])
                    smoothed[bin] = value
                    let noise = power[bin]
                    if looksLikeNoise {
                        // The frame's own power, not the smoothed one: that still carries the
                        // speech of the frames just before.
                        power[bin] = noise + follow * (frame[bin] - noise)
                    } else if value < noise {
                        power[bin] = noise + follow * (value - noise)
                    } else {
                        power[bin] = min(value, noise * (1 + creep))
                    }
                }
            }
        }
    }
}
