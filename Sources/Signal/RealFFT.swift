#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Power spectrum of a real frame by a radix-2 FFT, with all tables and scratch space allocated once.
///
/// A real frame of `size` samples is packed into `size / 2` complex values, transformed, and
/// untangled into the `size / 2 + 1` bins of the real spectrum (the standard "two for one" trick).
/// The frame's mean is removed and its taper applied while it is loaded, straight into bit-reversed
/// order. The first two stages need no multiplications and are done on their own; the later ones
/// work on four butterflies at a time with SIMD, reading each stage's twiddles from a contiguous table.
/// A class only so that its scratch memory is freed with it; not thread-safe.
public final class RealFFT {
    /// Samples per frame, a power of two ≥ 16.
    public let size: Int
    private let half: Int
    private let bitReversed: UnsafeMutablePointer<Int>
    /// For each stage with half-span h ≥ 4, the twiddles exp(-2πi k / 2h) for k < h, stage after stage.
    private let stageCosines: UnsafeMutablePointer<Float>
    private let stageSines: UnsafeMutablePointer<Float>
    /// Twiddles for the real-spectrum split: exp(-2πi k / size).
    private let splitCosines: UnsafeMutablePointer<Float>
    private let splitSines: UnsafeMutablePointer<Float>
    private let re: UnsafeMutablePointer<Float>
    private let im: UnsafeMutablePointer<Float>

    public init(size: Int) {
        precondition(size >= 16 && size & (size - 1) == 0, "FFT size must be a power of two, at least 16")
        self.size = size
        half = size / 2
        let bits = half.trailingZeroBitCount
        bitReversed = .allocate(capacity: half)
        for index in 0..<half {
            var reversed = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            bitReversed[index] = reversed
        }
        stageCosines = .allocate(capacity: half)
        stageSines = .allocate(capacity: half)
        var position = 0
        var halfSpan = 4
        while halfSpan < half {
            for k in 0..<halfSpan {
                let angle = -Double.pi * Double(k) / Double(halfSpan)
                stageCosines[position] = Float(cos(angle))
                stageSines[position] = Float(sin(angle))
                position += 1
            }
            halfSpan *= 2
        }
        splitCosines = .allocate(capacity: half + 1)
        splitSines = .allocate(capacity: half + 1)
        for k in 0...half {
            splitCosines[k] = Float(cos(-2 * Double.pi * Double(k) / Double(size)))
            splitSines[k] = Float(sin(-2 * Double.pi * Double(k) / Double(size)))
        }
        re = .allocate(capacity: half)
        im = .allocate(capacity: half)
    }

    deinit {
        for pointer in [stageCosines, stageSines, splitCosines, splitSines, re, im] { pointer.deallocate() }
        bitReversed.deallocate()
    }

    /// Writes |X[k]|² for the bins k in `bins` (within 1..<size/2) into `power` (indexed by bin), where
    /// X is the spectrum of `(samples[i] - mean) * taper[i]` for i < count, zero-padded to `size`.
    public func powerSpectrum(
        of samples: UnsafePointer<Float>, count: Int, subtracting mean: Float, taper: UnsafePointer<Float>,
        bins: Range<Int>, into power: UnsafeMutablePointer<Float>
    ) {
        precondition(count <= size, "frame longer than the FFT")
        precondition(bins.lowerBound >= 1 && bins.upperBound <= half, "bins must lie strictly between 0 and size/2")
        let re = self.re, im = self.im, half = self.half
        // Pairs of samples both within the frame, then (for an odd count) the last one, then zeros.
        let pairs = count / 2
        for index in 0..<pairs {
            let first = 2 * index
            let target = bitReversed[index]
            re[target] = (samples[first] - mean) * taper[first]
            im[target] = (samples[first + 1] - mean) * taper[first + 1]
        }
        for index in pairs..<half {
            let first = 2 * index
            let target = bitReversed[index]
            re[target] = first < count ? (samples[first] - mean) * taper[first] : 0
            im[target] = 0
        }
        Self.firstTwoStages(re, im, count: half)
        Self.laterStages(re, im, count: half, cosines: stageCosines, sines: stageSines)
        let wc = splitCosines, ws = splitSines
        for k in bins {
            let zr = re[k], zi = im[k]
            let cr = re[half - k], ci = -im[half - k]
            // Even part (Z[k] + conj Z[N/2-k]) / 2, odd part (Z[k] - conj Z[N/2-k]) / 2i.
            let er = (zr + cr) * 0.5, ei = (zi + ci) * 0.5
            let or = (zi - ci) * 0.5, oi = (cr - zr) * 0.5
            let xr = er + wc[k] * or - ws[k] * oi
            let xi = ei + wc[k] * oi + ws[k] * or
            power[k] = xr * xr + xi * xi
        }
    }

    /// Spans 2 and 4: twiddles are 1 and -i, so only additions.
    @inline(__always)
    private static func firstTwoStages(_ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, count: Int)
    {
        var start = 0
        while start < count {
            let r0 = re[start], i0 = im[start], r1 = re[start + 1], i1 = im[start + 1]
            let r2 = re[start + 2], i2 = im[start + 2], r3 = re[start + 3], i3 = im[start + 3]
            // Span 2.
            let a0r = r0 + r1, a0i = i0 + i1, a1r = r0 - r1, a1i = i0 - i1
            let a2r = r2 + r3, a2i = i2 + i3, a3r = r2 - r3, a3i = i2 - i3
            // Span 4: the second pair is multiplied by 1 and by -i.
            re[start] = a0r + a2r
            im[start] = a0i + a2i
            re[start + 2] = a0r - a2r
            im[start + 2] = a0i - a2i
            re[start + 1] = a1r + a3i
            im[start + 1] = a1i - a3r
            re[start + 3] = a1r - a3i
            im[start + 3] = a1i + a3r
            start += 4
        }
    }

    /// Spans 8 and up, four butterflies at a time.
    @inline(__always)
    private static func laterStages(
        _ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, count: Int,
        cosines: UnsafePointer<Float>, sines: UnsafePointer<Float>
    ) {
        var halfSpan = 4
        var table = 0
        while halfSpan < count {
            let span = halfSpan * 2
            var start = 0
            while start < count {
                var offset = 0
                while offset < halfSpan {
                    let a = start + offset, b = a + halfSpan
                    let wr = load(cosines + table + offset), wi = load(sines + table + offset)
                    let br = load(re + b), bi = load(im + b)
                    let ar = load(re + a), ai = load(im + a)
                    let tr = br * wr - bi * wi
                    let ti = br * wi + bi * wr
                    store(ar - tr, re + b)
                    store(ai - ti, im + b)
                    store(ar + tr, re + a)
                    store(ai + ti, im + a)
                    offset += 4
                }
                start += span
            }
            table += halfSpan
            halfSpan = span
        }
    }

    @inline(__always)
    private static func load(_ pointer: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    private static func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD4<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Float>.self)
    }
}
