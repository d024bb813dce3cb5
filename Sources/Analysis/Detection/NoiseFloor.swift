/// A per-frequency estimate of the background noise's power that adapts as the room changes.
///
/// Each bin's power is smoothed over frames; the estimate follows that smoothed power down at once
/// and up only slowly, so it sits near the quiet moments between words even while someone speaks.
/// This is a simplified form of minimum statistics (Martin 2001, "Noise power spectral density
/// estimation based on optimal smoothing and minimum statistics", IEEE Trans. Speech Audio Proc. 9(5)).
struct NoiseFloor {
    private(set) var power: [Float]
    private var smoothed: [Float]
    private var primed = false
    /// Weight of the newest frame in the smoothed power.
    private let smoothing: Float = 0.3
    /// Fraction of the gap to the smoothed power closed per frame when that is higher (≈ 3 s at 100 frames/s).
    private let rise: Float = 0.003

    init(bins: Int) {
        power = [Float](repeating: 0, count: bins)
        smoothed = [Float](repeating: 0, count: bins)
    }

    mutating func update(with frame: UnsafeBufferPointer<Float>, bins range: Range<Int>) {
        if !primed {
            for bin in range {
                smoothed[bin] = frame[bin]
                power[bin] = frame[bin]
            }
            primed = true
            return
        }
        let smoothing = self.smoothing, rise = self.rise
        smoothed.withUnsafeMutableBufferPointer { smoothed in
            power.withUnsafeMutableBufferPointer { power in
                for bin in range {
                    let value = smoothed[bin] + smoothing * (frame[bin] - smoothed[bin])
                    smoothed[bin] = value
                    let noise = power[bin]
                    power[bin] = value < noise ? value : noise + rise * (value - noise)
                }
            }
        }
    }
}
