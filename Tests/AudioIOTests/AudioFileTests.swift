import Foundation
import Testing
import TestSupport

@testable import AudioIO

@Suite struct AudioFileTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder("rehearse-files")
    }

    /// A deterministic pseudo-random 16-bit signal covering the full range, extremes included.
    static func pattern(count: Int, seed: UInt64 = 42) -> [Int16] {
        var state = seed
        var samples = (0..<count).map { _ -> Int16 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int16(truncatingIfNeeded: state >> 48)
        }
        if count >= 2 {
            samples[0] = .min
            samples[1] = .max
        }
        return samples
    }

    @Test(arguments: AudioFileFormat.allCases)
    func sixteenBitRoundTripIsBitExact(format: AudioFileFormat) throws {
        let path = folder.appendingPathComponent("round-trip.\(format.fileExtension)").path
        let samples = Self.pattern(count: 48_000 * 3 + 17)
        var writer = try AudioFileWriter(path: path, format: format, sampleRate: 48_000)
        // Several writes of odd sizes, as the recorder's writer thread does.
        var offset = 0
        for size in [1, 999, 20_000, samples.count] where offset < samples.count {
            let end = min(samples.count, offset + size)
            try samples.withUnsafeBufferPointer { try writer.write(UnsafeBufferPointer(rebasing: $0[offset..<end])) }
            offset = end
        }
        #expect(writer.framesWritten == samples.count)
        try writer.close()

        let reader = try AudioFileReader(path: path)
        #expect(reader.sampleRate == 48_000)
        #expect(reader.channelCount == 1)
        #expect(reader.frameCount == samples.count)
        var readBack = [Int16](repeating: 0, count: samples.count + 100)
        let frames = try readBack.withUnsafeMutableBufferPointer { try reader.readInterleaved(into: $0) }
        #expect(frames == samples.count)
        #expect(Array(readBack[..<frames]) == samples)
    }

    @Test func floatSamplesSurviveWithinSixteenBitPrecision() throws {
        let path = folder.appendingPathComponent("tone.wav").path
        let tone = (0..<16_000).map { Float(sin(2 * Double.pi * 440 * Double($0) / 16_000) * 0.5) }
        var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: 16_000)
        try writer.write(tone)
        try writer.close()
        let readBack = try AudioFileReader(path: path).readAllMono()
        #expect(readBack.count == tone.count)
        let worst = zip(tone, readBack).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 2.0 / 32_768)
    }

    @Test func outOfRangeFloatsClipInsteadOfWrapping() throws {
        let path = folder.appendingPathComponent("clip.wav").path
        var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: 8_000)
        try writer.write([1.5, -1.5, 0.25])
        try writer.close()
        let readBack = try AudioFileReader(path: path).readAllMono()
        #expect(readBack[0] > 0.99)
        #expect(readBack[1] < -0.99)
        #expect(abs(readBack[2] - 0.25) < 0.001)
    }

    /// A long file read in fixed chunks: every sample arrives, in order, through one small buffer.
    @Test func longFileIsReadInChunksWithAFixedBuffer() throws {
        let path = folder.appendingPathComponent("long.wav").path
        let rate = 16_000
        let minutes = 20
        var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: rate)
        // A ramp that encodes each sample's position, one minute at a time.
        var block = [Int16](repeating: 0, count: rate * 60)
        for minute in 0..<minutes {
            for index in block.indices { block[index] = Int16(truncatingIfNeeded: minute * block.count + index) }
            try block.withUnsafeBufferPointer { try writer.write($0) }
        }
        try writer.close()

        let reader = try AudioFileReader(path: path)
        #expect(reader.frameCount == rate * 60 * minutes)
        #expect(abs(reader.duration - Double(minutes * 60)) < 1e-9)
        var chunk = [Int16](repeating: 0, count: 4_096)
        var position = 0
        var mismatches = 0
        while true {
            let frames = try chunk.withUnsafeMutableBufferPointer { try reader.readInterleaved(into: $0) }
            if frames == 0 { break }
            for (offset, value) in chunk[..<frames].enumerated()
            where value != Int16(truncatingIfNeeded: position + offset) {
                mismatches += 1
            }
            position += frames
        }
        #expect(position == rate * 60 * minutes)
        #expect(mismatches == 0)
    }

    @Test func stereoIsDownmixedToMono() throws {
        let path = folder.appendingPathComponent("stereo.wav").path
        var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: 8_000, channelCount: 2)
        try writer.write([0.5, 0.25, -0.5, 0.0, 0.1, 0.1])
        try writer.close()
        let reader = try AudioFileReader(path: path)
        #expect(reader.channelCount == 2)
        #expect(reader.frameCount == 3)
        let mono = try reader.readAllMono()
        #expect(mono.count == 3)
        #expect(abs(mono[0] - 0.375) < 0.001)
        #expect(abs(mono[1] - -0.25) < 0.001)
        #expect(abs(mono[2] - 0.1) < 0.001)
    }

    @Test func seekingStartsReadingAtTheGivenFrame() throws {
        let path = folder.appendingPathComponent("seek.wav").path
        let samples = Self.pattern(count: 1_000)
        var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: 8_000)
        try samples.withUnsafeBufferPointer { try writer.write($0) }
        try writer.close()
        let reader = try AudioFileReader(path: path)
        try reader.seek(toFrame: 600)
        var rest = [Int16](repeating: 0, count: 1_000)
        let frames = try rest.withUnsafeMutableBufferPointer { try reader.readInterleaved(into: $0) }
        #expect(frames == 400)
        #expect(Array(rest[..<400]) == Array(samples[600...]))
    }

    /// What makes recordings crash-safe: the header is current after every write, so a copy of the
    /// file taken while it is still open (as a crash would leave it) reads back every frame.
    @Test(arguments: [AudioFileFormat.wav])
    func anOpenFileIsReadableUpToItsLastWrite(format: AudioFileFormat) throws {
        let path = folder.appendingPathComponent("open.\(format.fileExtension)").path
        let snapshot = folder.appendingPathComponent("snapshot.\(format.fileExtension)").path
        let samples = Self.pattern(count: 48_000)
        var writer = try AudioFileWriter(path: path, format: format, sampleRate: 48_000)
        try samples.withUnsafeBufferPointer { try writer.write(UnsafeBufferPointer(rebasing: $0[..<30_000])) }
        try FileManager.default.copyItem(atPath: path, toPath: snapshot)
        try samples.withUnsafeBufferPointer { try writer.write(UnsafeBufferPointer(rebasing: $0[30_000...])) }
        try writer.close()

        let reader = try AudioFileReader(path: snapshot)
        #expect(reader.frameCount == 30_000)
        var readBack = [Int16](repeating: 0, count: 48_000)
        let frames = try readBack.withUnsafeMutableBufferPointer { try reader.readInterleaved(into: $0) }
        #expect(Array(readBack[..<frames]) == Array(samples[..<30_000]))
    }

    @Test func formatIsGuessedFromTheFileName() {
        #expect(AudioFileFormat(pathExtension: "a/b/answer.WAV") == .wav)
        #expect(AudioFileFormat(pathExtension: "answer.flac") == .flac)
        #expect(AudioFileFormat(pathExtension: "answer.mp3") == nil)
    }
}
