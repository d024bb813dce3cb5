import AudioIO
import Foundation
import Testing
import TestSupport
import FileAnalysis

@testable import Sessions

/// Audio files made to break a decoder or an analysis: every one gives a result or a one-line
/// error naming the file, never a crash, and never an allocation the header alone decides.
@Suite struct HostileAudioTests {
    let scratch: TemporaryFolder

    init() throws { scratch = try TemporaryFolder("rehearse-hostile") }

    func file(_ name: String, _ data: Data) throws -> String {
        let url = scratch.url.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// The fuzzer's first find: huge float samples made the intensity infinite, and converting it
    /// to an integer trapped.
    @Test func hugeFloatSamplesAreAnalysedWithoutATrap() throws {
        let quiet: [Float] = (0..<16_000).map { index in Float(0.001 * sin(0.3 * Double(index))) }
        let huge: [Float] = (0..<1_600).map { index in Float(1e20 * sin(0.1 * Double(index))) }
        let samples = quiet + huge
        let path = try file("huge.wav", WAVBytes.float32(samples))
        let analysis = try RecordingAnalysis.analyze(file: path)
        #expect(abs(analysis.duration - 1.1) < 0.001)
    }

    @Test func samplesThatAreNotNumbersAreAnErrorNamingTheFile() throws {
        let samples =
            Array(repeating: Float(0.1), count: 8_000) + [Float.nan, .infinity]
            + Array(repeating: Float(0.1), count: 100)
        let path = try file("nan.wav", WAVBytes.float32(samples))
        #expect {
            try RecordingAnalysis.analyze(file: path)
        } throws: { error in
            (error as? SoundFileError)?.description
                == "cannot read '\(path)': a sample at 0.500 s is not a finite number; the file is damaged"
        }
    }

    @Test func headersClaimingAbsurdRatesOrChannelsAreRefused() throws {
        let fast = try file("fast.wav", WAVBytes.pcm16Silence(frames: 16_000, sampleRate: 2_147_483_647, channels: 1))
        #expect {
            _ = try AudioFileReader(path: fast)
        } throws: { error in
            (error as? SoundFileError)?.description
                == "cannot read '\(fast)': the header claims 2147483647 Hz; rehearse reads up to 384000 Hz"
        }
        let wide = try file("wide.wav", WAVBytes.pcm16Silence(frames: 1, sampleRate: 16_000, channels: 1_024))
        #expect {
            _ = try AudioFileReader(path: wide)
        } throws: { error in
            (error as? SoundFileError)?.description.hasPrefix("cannot read '\(wide)': ") == true
        }
    }
}
