#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Halves a stream's sample rate: a linear-phase half-band low-pass FIR, then every other sample.
///
/// Speech analysis needs nothing above 4 kHz, so a 48 kHz microphone stream can be brought down to
/// 12 kHz and a 16 kHz file to 8 kHz before the FFTs, which then cost a quarter and a half as much.
/// In a half-band filter every other tap is zero, and the taps are symmetric, so each output sample
/// costs `taps / 4 + 1` multiplications. The filter delays the signal by `(taps - 1) / 2` input samples.
public struct HalfbandDecimator: Sendable {
    /// Taps in the filter: 4k + 3 so that the centre tap has zeros on both sides.
    public static let taps = 31
    /// Input samples of delay the filter adds.
    public static let delay = (taps - 1) / 2
    /// Coefficients of the non-zero odd-offset taps, from the centre outwards (offsets 1, 3, 5…).
    private let sideTaps: [Float]
    /// The last `taps - 1` input samples, then the current chunk.
    private var history: [Float]
    /// Whether the next input sample is the one kept (even position in the stream).
    private var phase = 0

    public init() {
        let centre = Self.delay
        // Windowed sinc with cut-off at a quarter of the input rate; Blackman window.
        var side: [Float] = []
        for offset in stride(from: 1, through: centre, by: 2) {
            let x = Double(offset)
            let sinc = sin(Double.pi * x / 2) / (Double.pi * x)
            let n = Double(centre + offset)
            let window =
                0.42 - 0.5 * cos(2 * Double.pi * n / Double(Self.taps - 1)) + 0.08
                * cos(4 * Double.pi * n / Double(Self.taps - 1))
            side.append(Float(sinc * window))
        }
        // Normalise for unity gain at DC: centre tap 0.5, side taps summing (both sides) to 0.5.
        let sum = side.reduce(0, +) * 2
        sideTaps = side.map { $0 * 0.5 / sum }
        history = [Float](repeating: 0, count: Self.taps - 1)
    }

    /// Filters `input` and puts every other sample into `output` (whose old contents are replaced).
    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: inout [Float]) {
        let keep = Self.taps - 1
        history.append(contentsOf: input)
        // Output sample for stream position p is centred on p - delay; keep the even positions.
        let first = phase == 0 ? keep : keep + 1
        let count = history.count > first ? (history.count - first + 1) / 2 : 0
        if output.count != count { output = [Float](repeating: 0, count: count) }
        history.withUnsafeBufferPointer { samples in
            sideTaps.withUnsafeBufferPointer { side in
                output.withUnsafeMutableBufferPointer { output in
                    let sides = side.count
                    let samples = samples.baseAddress!, side = side.baseAddress!, output = output.baseAddress!
                    for index in 0..<count {
                        let middle = samples + first + 2 * index - Self.delay
                        var value = 0.5 * middle[0]
                        for k in 0..<sides {
                            let offset = 2 * k + 1
                            value += side[k] * (middle[-offset] + middle[offset])
                        }
                        output[index] = value
                    }
                }
            }
        }
        phase = (phase + input.count) % 2
        history.removeFirst(history.count - keep)
    }
}
