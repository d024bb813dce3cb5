import Foundation
import Signal
import Testing

/// The phone-line stage against tones: what its design says passes, passes; what it says is cut,
/// is cut by at least as much.
@Suite struct PhoneLineTests {
    /// The amplitude of the `frequency` component of `samples` (least squares on sine and cosine),
    /// which the line's hiss and the companding error, being unrelated to the tone, barely touch.
    static func amplitude(of frequency: Double, in samples: ArraySlice<Float>, sampleRate: Int) -> Double {
        var sine = 0.0, cosine = 0.0
        for (offset, sample) in samples.enumerated() {
            let phase = 2 * Double.pi * frequency * Double(samples.startIndex + offset) / Double(sampleRate)
            sine += Double(sample) * sin(phase)
            cosine += Double(sample) * cos(phase)
        }
        return 2 * (sine * sine + cosine * cosine).squareRoot() / Double(samples.count)
    }

    /// Decibels of the `frequency` tone after the line, relative to before it.
    static func gain(at frequency: Double, sampleRate: Int) throws -> Double {
        var line = PhoneLine(ToneSource(frequency: frequency, seconds: 1, sampleRate: sampleRate, amplitude: 0.5))
        var output = [Float](repeating: 0, count: sampleRate)
        var filled = 0
        while filled < output.count {
            let read = try output.withUnsafeMutableBufferPointer {
                try line.read(into: UnsafeMutableBufferPointer(rebasing: $0[filled..<min(filled + 512, $0.count)]))
            }
            if read == 0 { break }
            filled += read
        }
        // Leave the first 0.2 s to the filters' settling.
        let settled = output[(sampleRate / 5)..<filled]
        return 20 * log10(amplitude(of: frequency, in: settled, sampleRate: sampleRate) / 0.5)
    }

    @Test(arguments: [8_000, 16_000, 48_000])
    func speechBandPassesAndTheRestIsCut(sampleRate: Int) throws {
        let passband = try Self.gain(at: 1_000, sampleRate: sampleRate)
        #expect(abs(passband) < 1, "1 kHz: \(passband) dB")
        let low = try Self.gain(at: 100, sampleRate: sampleRate)
        #expect(low < -35, "100 Hz: \(low) dB (a 4th-order high-pass at 300 Hz: 38 dB)")
        if sampleRate >= 16_000 {
            let high = try Self.gain(at: 5_000, sampleRate: sampleRate)
            #expect(high < -25, "5 kHz: \(high) dB (an 8th-order low-pass at 3400 Hz: 27 dB)")
        }
    }

    @Test func stereoBecomesMonoAndLengthIsKept() throws {
        struct Stereo: SampleSource {
            let sampleRate = 16_000
            let channelCount = 2
            var left = 16_000
            mutating func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
                let frames = min(buffer.count / 2, left)
                for frame in 0..<frames {
                    let value = Float(sin(2 * Double.pi * 1_000 * Double(16_000 - left + frame) / 16_000)) * 0.5
                    buffer[2 * frame] = value
                    buffer[2 * frame + 1] = value
                }
                left -= frames
                return frames
            }
        }
        var line = PhoneLine(Stereo())
        #expect(line.channelCount == 1)
        var buffer = [Float](repeating: 0, count: 1_000)
        var total = 0
        while true {
            let read = try buffer.withUnsafeMutableBufferPointer { try line.read(into: $0) }
            if read == 0 { break }
            total += read
        }
        #expect(total == 16_000)
    }
}
