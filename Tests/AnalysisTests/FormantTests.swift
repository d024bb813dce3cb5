import Foundation
import Testing

@testable import Analysis
import Signal

/// The formant estimator against vowels made by a formant synthesizer, whose resonances are known
/// exactly: a glottal pulse train through three second-order resonators (Klatt 1980, "Software
/// for a cascade/parallel formant synthesizer", JASA 67(3)).
@Suite struct FormantTests {
    /// F1 and F2 of Hillenbrand et al. 1995 (men's averages, and one of women's), a typical F3, in Hz,
    /// at a man's and a woman's pitch.
    @Test(arguments: [
        (SIMD3<Double>(623, 1200, 2550), 110.0),  // /ʌ/ "uh"
        (SIMD3<Double>(474, 1379, 1710), 110.0),  // /ɝ/ "er"
        (SIMD3<Double>(497, 910, 2459), 110.0),  // /o/ of "so"
        (SIMD3<Double>(588, 1952, 2601), 110.0),  // /æ/ of "and"
        (SIMD3<Double>(753, 1426, 2933), 200.0),  // women's /ʌ/
    ])
    func readsTheFirstTwoFormants(formants: SIMD3<Double>, pitch: Double) throws {
        let sampleRate = 16_000
        let vowel = Self.vowel(formants: formants, pitch: pitch, sampleRate: sampleRate)
        let window = 400
        let fft = RealFFT(size: 512)
        let taper = (0..<window).map { Float(0.5 - 0.5 * cos(2 * Double.pi * (Double($0) + 0.5) / Double(window))) }
        var power = [Float](repeating: 0, count: 257)
        let floor = [Float](repeating: 0, count: 257)
        let estimator = FormantEstimator(sampleRate: sampleRate, size: 512)
        var estimates: [SIMD2<Float>] = []
        // Frames through the steady middle of the vowel.
        for start in stride(from: 4_000, to: 12_000, by: 160) {
            vowel.withUnsafeBufferPointer { samples in
                taper.withUnsafeBufferPointer { taper in
                    power.withUnsafeMutableBufferPointer { power in
                        fft.powerSpectrum(
                            of: samples.baseAddress! + start, count: window, subtracting: 0,
                            taper: taper.baseAddress!, bins: 1..<256, into: power.baseAddress!)
                    }
                }
            }
            let found = power.withUnsafeBufferPointer { power in
                floor.withUnsafeBufferPointer { floor in estimator.formants(of: power, above: floor, floorShare: 0.1) }
            }
            estimates.append(try #require(found, "no formants at sample \(start)"))
        }
        let first = estimates.map { Double($0[0]) }.sorted()[estimates.count / 2]
        let second = estimates.map { Double($0[1]) }.sorted()[estimates.count / 2]
        #expect(abs(first - formants[0]) / formants[0] < 0.12, "F1 \(first) for \(formants[0])")
        #expect(abs(second - formants[1]) / formants[1] < 0.08, "F2 \(second) for \(formants[1])")
    }

    /// One second of a vowel: a pulse train at `pitch` Hz, each pulse a decaying glottal shape,
    /// through resonators at the three formants (bandwidths 60, 90 and 150 Hz).
    static func vowel(formants: SIMD3<Double>, pitch: Double, sampleRate: Int) -> [Float] {
        let rate = Double(sampleRate)
        var signal = [Double](repeating: 0, count: sampleRate)
        let period = rate / pitch
        var next = 0.0
        for index in signal.indices where Double(index) >= next {
            signal[index] = 1
            next += period
        }
        // A glottal source falls at about 12 dB per octave: two one-pole low-passes.
        for _ in 0..<2 {
            var state = 0.0
            for index in signal.indices {
                state = 0.9 * state + signal[index]
                signal[index] = state
            }
        }
        for (frequency, bandwidth) in zip([formants[0], formants[1], formants[2]], [60.0, 90.0, 150.0]) {
            let radius = exp(-Double.pi * bandwidth / rate)
            let a1 = 2 * radius * cos(2 * Double.pi * frequency / rate)
            let a2 = -radius * radius
            var (y1, y2) = (0.0, 0.0)
            for index in signal.indices {
                let y = signal[index] + a1 * y1 + a2 * y2
                (y2, y1) = (y1, y)
                signal[index] = y
            }
        }
        let peak = signal.map(abs).max() ?? 1
        return signal.map { Float(0.5 * $0 / peak) }
    }
}
