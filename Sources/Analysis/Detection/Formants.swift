#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first two formants (resonances of the vocal tract) of a voiced frame, which say which vowel
/// it holds: F1 rises as the mouth opens, F2 as the tongue moves forward (Peterson & Barney 1952,
/// "Control methods used in a study of the vowels", JASA 24(2)).
///
/// Linear prediction on the power spectrum: the spectrum's excess over the noise up to 5 kHz,
/// pre-emphasised (0.97), is read as the spectrum of a signal sampled at 10 kHz, the usual rate for
/// formant analysis; its autocorrelation gives an all-pole model of order 10 (two poles per
/// kilohertz plus two, Levinson–Durbin), and the first two peaks above 200 Hz of that model's
/// envelope are F1 and F2 (Markel & Gray 1976, "Linear Prediction of Speech", Springer).
struct FormantEstimator {
    static let order = 10
    /// The top of the band analysed, in Hz: the band of the first four or five formants.
    static let top = 5_000.0
    /// Resonances below this, in Hz, are the voice's own tilt, not a formant.
    static let lowest = 200.0
    /// Where the envelope is searched, and how finely, in Hz.
    static let gridTop = 4_000.0
    static let gridStep = 40.0

    private let bins: Range<Int>
    /// For each bin: cos(k ω) for lags k = 0…order, times the pre-emphasis. In double precision: a
    /// vowel's spectrum is so peaked that single-precision sums need not make a valid
    /// autocorrelation.
    private let lagWeights: [SIMD16<Double>]
    /// The envelope's frequencies, sixteen to a block, and for each block and lag k = 0…order
    /// (block-major) cos(k ω) and sin(k ω) at those frequencies: the envelope is evaluated at
    /// sixteen frequencies at once.
    private let gridHertz: [Float]
    private let gridCosines: [SIMD16<Float>]
    private let gridSines: [SIMD16<Float>]
    private var gridBlocks: Int { gridCosines.count / (Self.order + 1) }

    /// Tables for the bins of an FFT of `size` points at `sampleRate` Hz.
    init(sampleRate: Int, size: Int) {
        let binWidth = Double(sampleRate) / Double(size)
        let top = min(Self.top, 0.95 * Double(sampleRate) / 2)
        bins = 1..<max(2, Int(top / binWidth) + 1)
        let radiansPerHertz = 2 * Double.pi / (2 * Self.top)
        lagWeights = bins.map { bin in
            let omega = Double(bin) * binWidth * radiansPerHertz
            let emphasis = 1 + 0.97 * 0.97 - 2 * 0.97 * cos(omega)
            var weights = SIMD16<Double>()
            for lag in 0...Self.order { weights[lag] = emphasis * cos(Double(lag) * omega) }
            return weights
        }
        let hertz = stride(from: Self.lowest, through: Self.gridTop, by: Self.gridStep).map { $0 }
        gridHertz = hertz.map { Float($0) }
        var cosines: [SIMD16<Float>] = []
        var sines: [SIMD16<Float>] = []
        for block in stride(from: 0, to: hertz.count, by: 16) {
            for lag in 0...Self.order {
                var cosine = SIMD16<Float>()
                var sine = SIMD16<Float>()
                for lane in 0..<16 where block + lane < hertz.count {
                    let angle = Double(lag) * hertz[block + lane] * radiansPerHertz
                    cosine[lane] = Float(cos(angle))
                    sine[lane] = Float(sin(angle))
                }
                cosines.append(cosine)
                sines.append(sine)
            }
        }
        gridCosines = cosines
        gridSines = sines
    }

    /// F1 and F2 in Hz of the power spectrum's excess over `floor` (each bin at least `floorShare`
    /// of the floor, as `Timbre` takes it); nil when the model shows fewer than two resonances.
    func formants(
        of power: UnsafeBufferPointer<Float>, above floor: UnsafeBufferPointer<Float>, floorShare: Float
    ) -> SIMD2<Float>? {
        var sums = SIMD16<Double>()
        lagWeights.withUnsafeBufferPointer { weights in
            var index = 0
            for bin in bins {
                sums += weights[index] * Double(max(power[bin] - floor[bin], floorShare * floor[bin]))
                index += 1
            }
        }
        guard sums[0] > 0, let model = Self.predictor(sums) else { return nil }
        let pointCount = gridHertz.count
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: gridBlocks * 16) { magnitudes in
            // |A(e^jω)|² at every grid frequency, sixteen at a time.
            gridCosines.withUnsafeBufferPointer { cosines in
                gridSines.withUnsafeBufferPointer { sines in
                    for block in 0..<gridBlocks {
                        var real = SIMD16<Float>()
                        var imaginary = SIMD16<Float>()
                        let row = block * (Self.order + 1)
                        for lag in 0...Self.order {
                            real += model[lag] * cosines[row + lag]
                            imaginary += model[lag] * sines[row + lag]
                        }
                        let squared = real * real + imaginary * imaginary
                        for lane in 0..<16 { magnitudes[block * 16 + lane] = squared[lane] }
                    }
                }
            }
            // The envelope peaks where |A|² has a local minimum.
            var found = SIMD2<Float>()
            var foundCount = 0
            var point = 1
            while point < pointCount - 1 && foundCount < 2 {
                let (before, here, after) = (magnitudes[point - 1], magnitudes[point], magnitudes[point + 1])
                if here < before && here <= after {
                    // The minimum of the parabola through the three points, within a step.
                    let curvature = before - 2 * here + after
                    let offset = curvature > 0 ? 0.5 * (before - after) / curvature : 0
                    found[foundCount] = gridHertz[point] + Float(Self.gridStep) * offset
                    foundCount += 1
                }
                point += 1
            }
            return foundCount == 2 ? found : nil
        }
    }

    /// The prediction polynomial 1 + a₁z⁻¹ + … of the autocorrelation (Levinson–Durbin), nil when
    /// it is not stable (a reflection coefficient of magnitude 1 or more: no resonances to read).
    private static func predictor(_ correlation: SIMD16<Double>) -> SIMD16<Float>? {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * (order + 1)) { space in
            let r = space.baseAddress!
            let a = r + (order + 1)
            let previous = a + (order + 1)
            for lag in 0...order {
                r[lag] = correlation[lag]
                a[lag] = 0
            }
            a[0] = 1
            var error = r[0]
            for step in 1...order {
                var accumulated = r[step]
                for index in 1..<step { accumulated += a[index] * r[step - index] }
                let reflection = -accumulated / error
                guard abs(reflection) < 1 else { return nil }
                for index in 0..<step { previous[index] = a[index] }
                for index in 1..<step { a[index] = previous[index] + reflection * previous[step - index] }
                a[step] = reflection
                error *= 1 - reflection * reflection
            }
            var result = SIMD16<Float>()
            for index in 0...order { result[index] = Float(a[index]) }
            return result
        }
    }
}
