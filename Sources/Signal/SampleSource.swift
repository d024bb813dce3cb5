#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Audio that can be pulled, a chunk at a time: a file being read, a generated tone, or a
/// processing stage wrapped around another source (a phone-line filter between file and speaker).
public protocol SampleSource: ~Copyable {
    /// Frames per second, in Hz.
    var sampleRate: Int { get }
    /// Interleaved channels per frame.
    var channelCount: Int { get }
    /// Fills `buffer` with up to `buffer.count / channelCount` interleaved frames in [-1, 1].
    /// - Returns: frames written; 0 at the end.
    mutating func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int
}

/// A sine tone of a given length, for testing what a sink does with a known signal.
public struct ToneSource: SampleSource, Sendable {
    public let sampleRate: Int
    public let channelCount = 1
    /// Hz.
    public let frequency: Double
    /// 0…1.
    public let amplitude: Float
    private let frames: Int
    private var position = 0

    public init(frequency: Double, seconds: Double, sampleRate: Int, amplitude: Float = 0.5) {
        self.frequency = frequency
        self.sampleRate = sampleRate
        self.amplitude = amplitude
        frames = Int((seconds * Double(sampleRate)).rounded())
    }

    public mutating func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        let count = min(buffer.count, frames - position)
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        for index in 0..<count { buffer[index] = amplitude * Float(sin(step * Double(position + index))) }
        position += count
        return count
    }
}
