#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Power spectrum of a real frame by a radix-2 FFT, with all tables and scratch space allocated once.
///
/// A real frame of `size` samples is packed into `size / 2` complex values, transformed, and
/// untangled into the `size / 2 + 1` bins of the real spectrum (the standard "two for one" trick).
/// The first two stages need no multiplications and are done on their own; the later ones work on
/// four butterflies at a time with SIMD, reading each stage's twiddles from a contiguous table.
struct RealFFT {
    /// Samples per frame, a power of two ≥ 16.
    let size: Int
    private let half: Int
    private let bitReversed: [Int]
    /// For each stage with half-span h ≥ 4, the twiddles exp(-2πi k / 2h) for k < h, stage after stage.
    private let stageCosines: [Float]
    private let stageSines: [Float]
    /// Twiddles for the real-spectrum split: exp(-2πi k / size).
    private let splitCosines: [Float]
    private let splitSines: [Float]
    private var real: [Float]
    private var imaginary: [Float]

    init(size: Int) {
        precondition(size >= 16 && size & (size - 1) == 0, "FFT size must be a power of two, at least 16")
        self.size = size
        half = size / 2
        let bits = half.trailingZeroBitCount
        bitReversed = (0..<half).map { index in
            var reversed = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            return reversed
        }
        var cosines: [Float] = []
        var sines: [Float] = []
        var halfSpan = 4
        while halfSpan < half {
            for k in 0..<halfSpan {
                let angle = -Double.pi * Double(k) / Double(halfSpan)
                cosines.append(Float(cos(angle)))
                sines.append(Float(sin(angle)))
            }
            halfSpan *= 2
        }
        stageCosines = cosines
        stageSines = sines
        splitCosines = (0...half).map { Float(cos(-2 * Double.pi * Double($0) / Double(size))) }
        splitSines = (0...half).map { Float(sin(-2 * Double.pi * Double($0) / Double(size))) }
        real = [Float](repeating: 0, count: half)
        imaginary = [Float](repeating: 0, count: half)
    }

    /// Writes |X[k]|² for the bins k in `bins` (within 1..<size/2) into `power` (indexed by bin).
    mutating func powerSpectrum(of frame: UnsafeBufferPointer<Float>, bins: Range<Int>, into power: UnsafeMutableBufferPointer<Float>) {
        precondition(bins.lowerBound >= 1 && bins.upperBound <= half, "bins must lie strictly between 0 and size/2")
        let half = self.half
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                let re = re.baseAddress!, im = im.baseAddress!
                bitReversed.withUnsafeBufferPointer { order in
                    for index in 0..<half {
                        re[order[index]] = frame[2 * index]
                        im[order[index]] = frame[2 * index + 1]
                    }
                }
                Self.firstTwoStages(re, im, count: half)
                stageCosines.withUnsafeBufferPointer { cosines in
                    stageSines.withUnsafeBufferPointer { sines in
                        Self.laterStages(re, im, count: half, cosines: cosines.baseAddress!, sines: sines.baseAddress!)
                    }
                }
                splitCosines.withUnsafeBufferPointer { wc in
                    splitSines.withUnsafeBufferPointer { ws in
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
                }
            }
        }
    }

    /// Spans 2 and 4: twiddles are 1 and -i, so only additions.
    @inline(__always)
    private static func firstTwoStages(_ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, count: Int) {
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
