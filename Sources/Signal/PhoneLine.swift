#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A telephone line between a source and its listener: the band a phone call carries, 8-bit
/// mu-law companding as on a digital line (ITU-T G.711), and a little line hiss. Mono out.
///
/// The band is 300–3400 Hz (the ITU-T telephone band): a 4th-order Butterworth high-pass at 300 Hz
/// (24 dB per octave: 38 dB down at 100 Hz) and an 8th-order Butterworth low-pass at 3400 Hz (48 dB
/// per octave: about 27 dB down at 5 kHz, more with the bilinear transform at low sample rates),
/// each a cascade of biquads after the Audio EQ Cookbook (R. Bristow-Johnson). The hiss is white
/// noise 50 dB below full scale.
public struct PhoneLine<Upstream: SampleSource & ~Copyable>: ~Copyable, SampleSource {
    public let sampleRate: Int
    public let channelCount = 1
    private var upstream: Upstream
    private var highPass: [Biquad]
    private var lowPass: [Biquad]
    private var scratch: [Float] = []
    private var noiseState: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Lower and upper edge of the band, in Hz.
    public static var band: (low: Double, high: Double) { (300, 3_400) }
    /// RMS level of the line hiss, relative to full scale (−50 dB).
    public static var hissLevel: Float { 0.003_16 }

    public init(_ upstream: consuming Upstream) {
        let rate = Double(upstream.sampleRate)
        sampleRate = upstream.sampleRate
        self.upstream = upstream
        // Butterworth Q values of the 2nd-order sections of a 4th- and an 8th-order filter.
        highPass = [0.541_196, 1.306_563].map { Biquad.highPass(at: Self.band.low, q: $0, sampleRate: rate) }
        lowPass =
            Self.band.high < 0.45 * rate
            ? [0.509_796, 0.601_345, 0.899_976, 2.562_915].map {
                Biquad.lowPass(at: Self.band.high, q: $0, sampleRate: rate)
            } : []
    }

    public mutating func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        let channels = upstream.channelCount
        if scratch.count < buffer.count * channels { scratch = [Float](repeating: 0, count: buffer.count * channels) }
        let frames = try scratch.withUnsafeMutableBufferPointer { scratch in
            let frames = try upstream.read(
                into: UnsafeMutableBufferPointer(rebasing: scratch[..<(buffer.count * channels)]))
            if channels > 1 {
                Downmix.mono(scratch.baseAddress!, frames: frames, channels: channels, into: scratch.baseAddress!)
            }
            return frames
        }
        for index in 0..<frames {
            var sample = scratch[index]
            for stage in highPass.indices { sample = highPass[stage].process(sample) }
            // The line's hiss and the companding's error are band-limited too, as on an 8 kHz channel.
            sample = MuLaw.expand(MuLaw.compress(sample + hiss()))
            for stage in lowPass.indices { sample = lowPass[stage].process(sample) }
            buffer[index] = sample
        }
        return frames
    }

    /// One sample of the line's white hiss (uniform, so its RMS is the peak over √3).
    private mutating func hiss() -> Float {
        noiseState = noiseState &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let uniform = Float(Int32(truncatingIfNeeded: noiseState >> 32)) / Float(Int32.max)
        return uniform * Self.hissLevel * 1.732_05
    }
}

/// A second-order IIR section (transposed direct form II).
struct Biquad {
    private let b0, b1, b2, a1, a2: Float
    private var z1: Float = 0
    private var z2: Float = 0

    private init(b0: Double, b1: Double, b2: Double, a0: Double, a1: Double, a2: Double) {
        self.b0 = Float(b0 / a0)
        self.b1 = Float(b1 / a0)
        self.b2 = Float(b2 / a0)
        self.a1 = Float(a1 / a0)
        self.a2 = Float(a2 / a0)
    }

    static func lowPass(at frequency: Double, q: Double, sampleRate: Double) -> Biquad {
        let w = 2 * Double.pi * frequency / sampleRate, alpha = sin(w) / (2 * q), c = cos(w)
        return Biquad(b0: (1 - c) / 2, b1: 1 - c, b2: (1 - c) / 2, a0: 1 + alpha, a1: -2 * c, a2: 1 - alpha)
    }

    static func highPass(at frequency: Double, q: Double, sampleRate: Double) -> Biquad {
        let w = 2 * Double.pi * frequency / sampleRate, alpha = sin(w) / (2 * q), c = cos(w)
        return Biquad(b0: (1 + c) / 2, b1: -(1 + c), b2: (1 + c) / 2, a0: 1 + alpha, a1: -2 * c, a2: 1 - alpha)
    }

    mutating func process(_ x: Float) -> Float {
        let y = b0 * x + z1
        z1 = b1 * x - a1 * y + z2
        z2 = b2 * x - a2 * y
        return y
    }
}

/// 8-bit mu-law companding (μ = 255), as a digital telephone line carries speech (ITU-T G.711 uses
/// a segmented approximation of the same curve).
enum MuLaw {
    static let mu: Float = 255

    /// A sample in [-1, 1] to one of 256 codes, as an integer in -127…127.
    static func compress(_ x: Float) -> Int {
        let clipped = min(1, max(-1, x))
        let magnitude = log1p(mu * abs(clipped)) / log1p(mu)
        return Int((magnitude * 127).rounded()) * (clipped < 0 ? -1 : 1)
    }

    /// The code back to a sample.
    static func expand(_ code: Int) -> Float {
        let magnitude = Float(abs(code)) / 127
        return (pow(1 + mu, magnitude) - 1) / mu * (code < 0 ? -1 : 1)
    }
}
