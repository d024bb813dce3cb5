#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shape of a frame's spectrum, independent of its loudness: mel-frequency cepstral
/// coefficients 1–8 of 16 triangular mel bands between 200 Hz and 5 kHz (Davis & Mermelstein 1980,
/// "Comparison of parametric representations for monosyllabic word recognition", IEEE Transactions
/// on Acoustics, Speech and Signal Processing 28(4)), in dB. Coefficient 0 (the overall level) is
/// left out, so a vowel held at a changing loudness keeps the same timbre; so few, wide bands smooth
/// the harmonics away, so a changing pitch barely moves it either.
struct Timbre {
    static let bands = 16
    static let coefficients = 8
    /// For each band, its first bin, and where its triangle's weights start in `weights` (the
    /// band's weights run to the next band's start).
    private let firstBin: [Int]
    private let weightStart: [Int]
    private let weights: [Float]
    /// The DCT-II matrix by column: what each band's level adds to the coefficients.
    private let cosines: [SIMD8<Float>]
    /// Spectral subtraction leaves at least this share of the noise in each bin.
    static let floorShare: Float = 0.1

    /// Mel filters for an FFT of `size` points at `sampleRate` Hz.
    init(sampleRate: Int, size: Int) {
        func mel(_ hertz: Double) -> Double { 2595 * log10(1 + hertz / 700) }
        func hertz(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }
        let top = min(5_000, 0.95 * Double(sampleRate) / 2)
        let edges = (0...Self.bands + 1).map {
            hertz(mel(200) + (mel(top) - mel(200)) * Double($0) / Double(Self.bands + 1))
        }
        let binWidth = Double(sampleRate) / Double(size)
        var firstBin: [Int] = []
        var weightStart: [Int] = []
        var weights: [Float] = []
        for band in 0..<Self.bands {
            let (low, centre, high) = (edges[band], edges[band + 1], edges[band + 2])
            let first = max(1, Int((low / binWidth).rounded(.up)))
            let last = min(size / 2, Int((high / binWidth).rounded(.down)))
            firstBin.append(first)
            weightStart.append(weights.count)
            weights.append(
                contentsOf: (first...max(first, last)).map { bin in
                    let frequency = Double(bin) * binWidth
                    return Float(max(0, min((frequency - low) / (centre - low), (high - frequency) / (high - centre))))
                })
        }
        self.firstBin = firstBin
        self.weightStart = weightStart + [weights.count]
        self.weights = weights
        let scale = (2 / Double(Self.bands)).squareRoot()
        cosines = (0..<Self.bands).map { j in
            var column = SIMD8<Float>()
            for k in 0..<Self.coefficients {
                column[k] = Float(scale * cos(Double.pi * Double(k + 1) * (Double(j) + 0.5) / Double(Self.bands)))
            }
            return column
        }
    }

    /// The coefficients of the power spectrum's excess over `floor` (bins 0…size/2, filled at least
    /// from 200 Hz to 5 kHz), each bin at least `floorShare` of the floor, and each band at least
    /// the floor's power in it; and how many bands rose above the floor (`audibleBands`).
    ///
    /// A band that does not rise above the noise says nothing about the vowel: left to the noise's
    /// frame-to-frame scatter (several dB in a band of a few bins), it made a held vowel look
    /// unsteady in noise, so it is held at the noise's level instead. With fewer bands left to
    /// change, a change of timbre is then judged per band that was heard (`FilledPauseDetector`).
    func coefficients(
        of power: UnsafeBufferPointer<Float>, above floor: UnsafeBufferPointer<Float>
    ) -> (coefficients: SIMD8<Float>, audibleBands: Int) {
        var result = SIMD8<Float>()
        var audibleBands = 0
        let share = SIMD4<Float>(repeating: Self.floorShare)
        weights.withUnsafeBufferPointer { weights in
            let (weights, power, floor) = (weights.baseAddress!, power.baseAddress!, floor.baseAddress!)
            for band in 0..<Self.bands {
                // Four bins at a time, then the rest one by one.
                var excesses = SIMD4<Float>(), noises = SIMD4<Float>()
                var index = weightStart[band]
                var bin = firstBin[band]
                let end = weightStart[band + 1]
                while index + 4 <= end {
                    let weight = UnsafeRawPointer(weights + index).loadUnaligned(as: SIMD4<Float>.self)
                    let heard = UnsafeRawPointer(power + bin).loadUnaligned(as: SIMD4<Float>.self)
                    let noise = UnsafeRawPointer(floor + bin).loadUnaligned(as: SIMD4<Float>.self)
                    let excess = heard - noise, least = share * noise
                    excesses += weight * excess.replacing(with: least, where: least .>= excess)
                    noises += weight * noise
                    index += 4
                    bin += 4
                }
                var excess = 1e-12 + excesses.sum()
                var noise = noises.sum()
                while index < end {
                    excess += weights[index] * max(power[bin] - floor[bin], Self.floorShare * floor[bin])
                    noise += weights[index] * floor[bin]
                    index += 1
                    bin += 1
                }
                if excess > noise { audibleBands += 1 }
                let decibels = fastLog(max(excess, noise)) * (10 / 2.302_585_1)
                result += cosines[band] * decibels
            }
        }
        return (result, audibleBands)
    }
}
