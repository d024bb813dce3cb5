/// Averages interleaved frames of several channels into one channel.
public enum Downmix {
    /// Writes the mean of each frame's `channels` samples of `interleaved` into `mono`, for
    /// `frames` frames. `mono` may be `interleaved` itself: frame i is read before slot i is written.
    public static func mono(
        _ interleaved: UnsafePointer<Float>, frames: Int, channels: Int, into mono: UnsafeMutablePointer<Float>
    ) {
        let scale = 1 / Float(channels)
        for frame in 0..<frames {
            var sum: Float = 0
            for channel in 0..<channels { sum += interleaved[frame * channels + channel] }
            mono[frame] = sum * scale
        }
    }
}
