import Foundation

/// Power spectrum of a real frame by a radix-2 FFT, with all tables and scratch space allocated once.
///
/// A real frame of `size` samples is packed into `size / 2` complex values, transformed, and
/// untangled into the `size / 2 + 1` bins of the real spectrum (the standard "two for one" trick).
struct RealFFT {
    /// Samples per frame, a power of two ≥ 8.
    let size: Int
    private let half: Int
    private let bitReversed: [Int]
    /// Twiddles for the half-size complex FFT: exp(-2πi k / half).
    private let cosines: [Float]
    private let sines: [Float]
    /// Twiddles for the real-spectrum split: exp(-2πi k / size).
    private let splitCosines: [Float]
    private let splitSines: [Float]
    private var real: [Float]
    private var imaginary: [Float]

    init(size: Int) {
        precondition(size >= 8 && size & (size - 1) == 0, "FFT size must be a power of two")
        self.size = size
        half = size / 2
        let bits = half.trailingZeroBitCount
        bitReversed = (0..<half).map { index in
            var reversed = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            return reversed
        }
        cosines = (0..<half / 2).map { Float(cos(-2 * Double.pi * Double($0) / Double(size / 2))) }
        sines = (0..<half / 2).map { Float(sin(-2 * Double.pi * Double($0) / Double(size / 2))) }
        splitCosines = (0...half).map { Float(cos(-2 * Double.pi * Double($0) / Double(size))) }
        splitSines = (0...half).map { Float(sin(-2 * Double.pi * Double($0) / Double(size))) }
        real = [Float](repeating: 0, count: half)
        imaginary = [Float](repeating: 0, count: half)
    }

    /// Writes |X[k]|² for k in 0...size/2 into `power` (which must hold size/2 + 1 values).
    mutating func powerSpectrum(of frame: UnsafeBufferPointer<Float>, into power: UnsafeMutableBufferPointer<Float>) {
        let half = self.half
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                bitReversed.withUnsafeBufferPointer { order in
                    for index in 0..<half {
                        let target = order[index]
                        re[target] = frame[2 * index]
                        im[target] = frame[2 * index + 1]
                    }
                }
                cosines.withUnsafeBufferPointer { cos in
                    sines.withUnsafeBufferPointer { sin in
                        var span = 2
                        while span <= half {
                            let halfSpan = span / 2
                            let stride = half / span
                            var start = 0
                            while start < half {
                                for offset in 0..<halfSpan {
                                    let wr = cos[offset * stride]
                                    let wi = sin[offset * stride]
                                    let a = start + offset
                                    let b = a + halfSpan
                                    let tr = re[b] * wr - im[b] * wi
                                    let ti = re[b] * wi + im[b] * wr
                                    re[b] = re[a] - tr
                                    im[b] = im[a] - ti
                                    re[a] += tr
                                    im[a] += ti
                                }
                                start += span
                            }
                            span *= 2
                        }
                    }
                }
                splitCosines.withUnsafeBufferPointer { wc in
                    splitSines.withUnsafeBufferPointer { ws in
                        for k in 0...half {
                            let zr = re[k % half], zi = im[k % half]
                            let cr = re[(half - k) % half], ci = -im[(half - k) % half]
                            // Even part (Z[k] + conj Z[N/2-k]) / 2, odd part (Z[k] - conj Z[N/2-k]) / 2i.
                            let er = (zr + cr) / 2, ei = (zi + ci) / 2
                            let or = (zi - ci) / 2, oi = -(zr - cr) / 2
                            let xr = er + wc[k] * or - ws[k] * oi
                            let xi = ei + wc[k] * oi + ws[k] * or
                            power[k] = xr * xr + xi * xi
                        }
                    }
                }
            }
        }
    }
}
