import Foundation
import Testing

@testable import Analysis
import Signal

@Suite struct SignalTests {
    /// The FFT's power spectrum equals a direct DFT's, bin for bin: of whole frames, and of frames
    /// shorter than the FFT (zero-padded, an even and an odd number of samples, as a 25 ms frame at
    /// 16 kHz is 400 samples in a 512-point FFT).
    @Test(arguments: zip([16, 64, 256, 512, 512, 512], [16, 64, 256, 512, 400, 401]))
    func fftMatchesDirectDFT(size: Int, count: Int) {
        var state: UInt64 = 99
        let samples = (0..<count).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1
            return Float(Int32(truncatingIfNeeded: state >> 32)) / Float(Int32.max)
        }
        let taper = [Float](repeating: 1, count: count)
        var power = [Float](repeating: 0, count: size / 2 + 1)
        let fft = RealFFT(size: size)
        samples.withUnsafeBufferPointer { input in
            taper.withUnsafeBufferPointer { taper in
                power.withUnsafeMutableBufferPointer { power in
                    fft.powerSpectrum(
                        of: input.baseAddress!, count: count, subtracting: 0, taper: taper.baseAddress!,
                        bins: 1..<(size / 2), into: power.baseAddress!)
                }
            }
        }
        for k in 1..<(size / 2) {
            var re = 0.0, im = 0.0
            for (n, x) in samples.enumerated() {
                let angle = -2 * Double.pi * Double(k * n) / Double(size)
                re += Double(x) * cos(angle)
                im += Double(x) * sin(angle)
            }
            let expected = re * re + im * im
            #expect(abs(Double(power[k]) - expected) <= 1e-3 * max(1, expected), "bin \(k)")
        }
    }

    /// A tone in the pass band keeps its level; one near the old Nyquist is removed.
    @Test func halfBandDecimatorKeepsSpeechAndRemovesWhatWouldAlias() {
        func level(ofTone hertz: Double) -> Double {
            let input = (0..<16_000).map { Float(sin(2 * Double.pi * hertz * Double($0) / 16_000)) }
            var decimator = HalfbandDecimator()
            var output: [Float] = []
            input.withUnsafeBufferPointer { decimator.process($0, into: &output) }
            #expect(output.count == 8_000)
            let steady = output[200...]
            return (steady.map { Double($0 * $0) }.reduce(0, +) / Double(steady.count)).squareRoot() * 2.squareRoot()
        }
        #expect(abs(level(ofTone: 1_000) - 1) < 0.01)
        #expect(abs(level(ofTone: 3_000) - 1) < 0.05)
        #expect(level(ofTone: 6_000) < 0.01)
    }

    @Test func decimatorOutputDoesNotDependOnChunkSizes() {
        let input = (0..<5_001).map { Float(sin(Double($0) * 0.37)) }
        var whole = HalfbandDecimator(), pieces = HalfbandDecimator()
        var expected: [Float] = [], output: [Float] = [], collected: [Float] = []
        input.withUnsafeBufferPointer { whole.process($0, into: &expected) }
        var start = 0
        for size in [1, 2, 3, 999, 1_000, 3_000] where start < input.count {
            let end = min(input.count, start + size)
            input.withUnsafeBufferPointer {
                pieces.process(UnsafeBufferPointer(rebasing: $0[start..<end]), into: &output)
            }
            collected += output
            start = end
        }
        #expect(collected == expected)
    }

    @Test func fastLogIsCloseToLog() {
        for x in stride(from: Float(0.001), through: 1_000, by: 0.37) {
            #expect(abs(fastLog(x) - log(x)) < 2e-4)
        }
    }

    /// The eight-lane version gives each lane exactly what the scalar one gives.
    @Test func vectorFastLogMatchesScalar() {
        for start in stride(from: Float(0.001), through: 1_000, by: 7.3) {
            let values = SIMD8<Float>((0..<8).map { start * Float($0 + 1) * 1.37 })
            let logs = fastLog(values)
            for lane in 0..<8 { #expect(logs[lane] == fastLog(values[lane])) }
        }
    }
}
