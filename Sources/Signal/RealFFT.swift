#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Power spectrum of a real frame by a radix-2 FFT, with all tables and scratch space allocated once.
///
/// A real frame of `size` samples is packed into `size / 2` complex values, transformed, and
/// untangled into the `size / 2 + 1` bins of the real spectrum (the standard "two for one" trick).
/// The frame's mean is removed and its taper applied four samples at a time; the first two stages
/// need no multiplications and read the frame in bit-reversed order themselves; the later ones work
/// two stages to a pass on four butterflies at a time with SIMD, reading each stage's twiddles from a
/// contiguous table; the untangling, too, takes four bins at a time.
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
    /// The tapered frame, zero-padded to `size`.
    private let frame: UnsafeMutablePointer<Float>

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
        frame = .allocate(capacity: size)
    }

    deinit {
        for pointer in [stageCosines, stageSines, splitCosines, splitSines, re, im, frame] { pointer.deallocate() }
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
        // The tapered frame, zero-padded, four samples at a time; the first two stages read it in
        // bit-reversed order of its sample pairs.
        let frame = self.frame
        var index = 0
        while index + 4 <= count {
            Self.store((Self.load(samples + index) - SIMD4(repeating: mean)) * Self.load(taper + index), frame + index)
            index += 4
        }
        while index < count {
            frame[index] = (samples[index] - mean) * taper[index]
            index += 1
        }
        (frame + index).update(repeating: 0, count: size - index)
        Self.firstTwoStages(from: frame, order: bitReversed, into: re, im, count: half)
        Self.laterStages(re, im, count: half, cosines: stageCosines, sines: stageSines)
        // Four bins at a time, their mirror bins read as four and reversed; the rest one by one (the
        // same arithmetic in one lane).
        var k = bins.lowerBound
        while k + 4 <= bins.upperBound {
            let mirror = half - k - 3
            let zr = Self.load(re + k), zi = Self.load(im + k)
            let cr = Self.reversed(Self.load(re + mirror)), ci = -Self.reversed(Self.load(im + mirror))
            let wc = Self.load(splitCosines + k), ws = Self.load(splitSines + k)
            Self.store(Self.split(zr, zi, cr, ci, wc, ws), power + k)
            k += 4
        }
        while k < bins.upperBound {
            let lane = Self.split(
                SIMD4(repeating: re[k]), SIMD4(repeating: im[k]), SIMD4(repeating: re[half - k]),
                SIMD4(repeating: -im[half - k]), SIMD4(repeating: splitCosines[k]), SIMD4(repeating: splitSines[k]))
            power[k] = lane[0]
            k += 1
        }
    }

    /// |X[k]|² from Z[k] = (zr, zi) and conj Z[N/2-k] = (cr, ci): the even part (Z[k] + conj Z[N/2-k]) / 2
    /// plus the twiddle (wc, ws) times the odd part (Z[k] - conj Z[N/2-k]) / 2i.
    @inline(__always)
    private static func split(
        _ zr: SIMD4<Float>, _ zi: SIMD4<Float>, _ cr: SIMD4<Float>, _ ci: SIMD4<Float>, _ wc: SIMD4<Float>,
        _ ws: SIMD4<Float>
    ) -> SIMD4<Float> {
        let oneHalf: Float = 0.5
        let er = (zr + cr) * oneHalf, ei = (zi + ci) * oneHalf
        let or = (zi - ci) * oneHalf, oi = (cr - zr) * oneHalf
        let xr = er + wc * or - ws * oi
        let xi = ei + wc * oi + ws * or
        return xr * xr + xi * xi
    }

    /// Spans 2 and 4, where the twiddles are 1 and -i (only additions), on the frame's sample pairs
    /// taken in bit-reversed order as complex values.
    @inline(__always)
    private static func firstTwoStages(
        from frame: UnsafePointer<Float>, order: UnsafePointer<Int>, into re: UnsafeMutablePointer<Float>,
        _ im: UnsafeMutablePointer<Float>, count: Int
    ) {
        var start = 0
        while start < count {
            let p0 = 2 * order[start], p1 = 2 * order[start + 1], p2 = 2 * order[start + 2], p3 = 2 * order[start + 3]
            let r0 = frame[p0], i0 = frame[p0 + 1], r1 = frame[p1], i1 = frame[p1 + 1]
            let r2 = frame[p2], i2 = frame[p2 + 1], r3 = frame[p3], i3 = frame[p3 + 1]
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

    /// Spans 8 and up, two stages to a pass where it can (half the loads and stores), four
    /// butterflies at a time. The arithmetic is the stage-by-stage arithmetic, in the same order.
    @inline(__always)
    private static func laterStages(
        _ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, count: Int,
        cosines: UnsafePointer<Float>, sines: UnsafePointer<Float>
    ) {
        var halfSpan = 4
        var table = 0
        while halfSpan * 2 < count {
            // Stages of half-span h and 2h: x[k], x[k+h] and x[k+2h], x[k+3h] pair off in the first
            // (twiddle k of its table), x[k], x[k+2h] and x[k+h], x[k+3h] in the second (twiddles k
            // and k+h of its table, which follows the first's).
            let h = halfSpan, wide = cosines + table + h, wideSines = sines + table + h
            var start = 0
            while start < count {
                var offset = 0
                while offset < h {
                    let a = start + offset, b = a + h, c = b + h, d = c + h
                    let wr = load(cosines + table + offset), wi = load(sines + table + offset)
                    let ar = load(re + a), ai = load(im + a), br = load(re + b), bi = load(im + b)
                    let cr = load(re + c), ci = load(im + c), dr = load(re + d), di = load(im + d)
                    let tbr = br * wr - bi * wi, tbi = br * wi + bi * wr
                    let tdr = dr * wr - di * wi, tdi = dr * wi + di * wr
                    let a1r = ar + tbr, a1i = ai + tbi, b1r = ar - tbr, b1i = ai - tbi
                    let c1r = cr + tdr, c1i = ci + tdi, d1r = cr - tdr, d1i = ci - tdi
                    let vr = load(wide + offset), vi = load(wideSines + offset)
                    let vr2 = load(wide + h + offset), vi2 = load(wideSines + h + offset)
                    let tcr = c1r * vr - c1i * vi, tci = c1r * vi + c1i * vr
                    let t2r = d1r * vr2 - d1i * vi2, t2i = d1r * vi2 + d1i * vr2
                    store(a1r + tcr, re + a)
                    store(a1i + tci, im + a)
                    store(a1r - tcr, re + c)
                    store(a1i - tci, im + c)
                    store(b1r + t2r, re + b)
                    store(b1i + t2i, im + b)
                    store(b1r - t2r, re + d)
                    store(b1i - t2i, im + d)
                    offset += 4
                }
                start += 4 * h
            }
            table += 3 * h
            halfSpan = 4 * h
        }
        if halfSpan < count {
            // One stage left over.
            var offset = 0
            while offset < halfSpan {
                let a = offset, b = a + halfSpan
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
    private static func reversed(_ value: SIMD4<Float>) -> SIMD4<Float> {
        SIMD4(value[3], value[2], value[1], value[0])
    }

    @inline(__always)
    private static func store(_ value: SIMD4<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Float>.self)
    }
}
