internal import CPortAudio
import Foundation
import Signal

/// What to play and where.
public struct PlaybackOptions: Sendable {
    /// Any file libsndfile can read.
    public var path: String
    /// Where to begin, in seconds from the start of the file.
    public var startTime: Double
    /// The output device; nil for the system default.
    public var device: DeviceSelector?

    public init(path: String, startTime: Double = 0, device: DeviceSelector? = nil) {
        self.path = path
        self.startTime = startTime
        self.device = device
    }
}

/// How a playback ended.
public enum PlaybackOutcome: Sendable, Equatable {
    /// Played to the end.
    case finished
    /// Stopped early at this position, in seconds from the start of the file.
    case stopped(at: Double)
}

/// Plays a `SampleSource` (an audio file, a tone, a processing stage around either) through an
/// output device, pulling small chunks as the device needs them.
///
/// Uses PortAudio's blocking API from the calling thread, so there is no real-time callback here;
/// `play` returns when the source ends or `shouldStop` says so.
public final class Player<Source: SampleSource & ~Copyable> {
    public let device: AudioDevice
    /// Hz, the source's own rate.
    public let sampleRate: Int
    /// Channels sent to the device: the source's, or 1 (a downmix) when the device has fewer.
    public let channelCount: Int
    /// Seconds from the start of the source at which playback begins.
    public let startTime: Double

    private let session: PortAudioSession
    private var source: Source
    private var stream: PortAudioStream?
    private let framesPerChunk: Int

    /// Opens the output stream for `source`.
    /// - Parameter startTime: where `source` already stands, in seconds (for progress reports).
    /// - Throws: `AudioDeviceError` for the device.
    public init(source: consuming Source, device selector: DeviceSelector?, startTime: Double = 0) throws {
        session = try PortAudioSession()
        let device = try AudioDevices.resolve(selector, for: .output, among: AudioDevices.enumerate())
        let channels = device.maxOutputChannels >= source.channelCount ? source.channelCount : 1
        let parameters = PaStreamParameters(
            device: PaDeviceIndex(device.index),
            channelCount: Int32(channels),
            sampleFormat: paFloat32,
            suggestedLatency: Pa_GetDeviceInfo(PaDeviceIndex(device.index))?.pointee.defaultHighOutputLatency ?? 0.1,
            hostApiSpecificStreamInfo: nil
        )
        let rate = source.sampleRate
        stream = try PortAudioStream(
            input: nil, output: parameters, sampleRate: rate, capture: nil, device: device.name, session: session,
            doing: "cannot play at \(rate) Hz")
        self.source = source
        self.device = device
        self.sampleRate = rate
        self.channelCount = channels
        self.startTime = startTime
        self.framesPerChunk = max(256, rate / 50)
    }

    /// Plays to the end of the source, blocking the caller. A player plays once.
    /// - Parameters:
    ///   - progress: called about 50 times a second with the position in seconds.
    ///   - shouldStop: polled as often; return true to stop at once.
    public func play(
        progress: (Double) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws -> PlaybackOutcome {
        guard let stream = stream.take() else { return .finished }
        try stream.start(doing: "cannot start playback")
        let sourceChannels = source.channelCount
        var chunk = [Float](repeating: 0, count: framesPerChunk * sourceChannels)
        var frame = Int((startTime * Double(sampleRate)).rounded())
        while true {
            if shouldStop() {
                stream.abort()
                return .stopped(at: Double(frame) / Double(sampleRate))
            }
            let frames = try chunk.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            if frames == 0 { break }
            if channelCount < sourceChannels {
                chunk.withUnsafeMutableBufferPointer { samples in
                    guard let base = samples.baseAddress else { return }
                    Downmix.mono(base, frames: frames, channels: sourceChannels, into: base)
                }
            }
            try write(chunk, frames: frames, to: stream)
            frame += frames
            progress(Double(frame) / Double(sampleRate))
        }
        // PortAudio's ALSA backend discards queued audio on stop instead of draining it, so push the
        // last real samples through the device latency with silence before stopping.
        var tail = Int(stream.outputLatency * Double(sampleRate)) + framesPerChunk
        for index in chunk.indices { chunk[index] = 0 }
        while tail > 0 {
            if shouldStop() { break }
            let frames = min(tail, framesPerChunk)
            try write(chunk, frames: frames, to: stream)
            tail -= frames
        }
        stream.stop()
        return .finished
    }

    private func write(_ chunk: [Float], frames: Int, to stream: borrowing PortAudioStream) throws(AudioDeviceError) {
        try chunk.withUnsafeBufferPointer { buffer throws(AudioDeviceError) in
            try stream.write(
                UnsafeBufferPointer(rebasing: buffer[..<(frames * channelCount)]), channels: channelCount,
                doing: "playback failed")
        }
    }
}

extension PlaybackOptions {
    /// Opens the file, standing at `startTime`.
    /// - Throws: `SoundFileError` for a missing, unreadable, empty or non-audio file, or a start
    ///   past its end (checked before any device is opened, so a bad file is reported even on a
    ///   machine with no sound).
    public func openReader() throws(SoundFileError) -> AudioFileReader {
        let reader = try AudioFileReader.open(anyFormat: path)
        guard reader.frameCount > 0 else {
            throw SoundFileError(.empty, path: path, reason: "the file holds no audio")
        }
        guard startTime >= 0, startTime < reader.duration else {
            let length = String(format: "%.2f", reader.duration)
            throw SoundFileError(
                .ioFailure, path: path, reason: "cannot start at \(startTime) s: the file is \(length) s long")
        }
        try reader.seek(toFrame: Int(startTime * Double(reader.sampleRate)))
        return reader
    }
}

extension Player where Source == AudioFileReader {
    /// Seconds, the whole file.
    public var duration: Double { source.duration }

    /// Opens the file and the output stream for playing it from `options.startTime`.
    /// - Throws: `SoundFileError` for the file (see `PlaybackOptions.openReader()`);
    ///   `AudioDeviceError` for the device.
    public convenience init(options: PlaybackOptions) throws {
        try self.init(source: options.openReader(), device: options.device, startTime: options.startTime)
    }
}
