internal import CPortAudio
import Foundation

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
    /// Played to the end of the file.
    case finished
    /// Stopped early at this position, in seconds from the start of the file.
    case stopped(at: Double)
}

/// Plays an audio file through an output device, streaming it from disk in small chunks.
///
/// Uses PortAudio's blocking API from the calling thread, so there is no real-time callback here;
/// `play` returns when the file ends or `shouldStop` says so.
public final class Player {
    public let device: AudioDevice
    public let options: PlaybackOptions
    /// Hz, the file's own rate.
    public let sampleRate: Int
    /// Seconds, the whole file.
    public let duration: Double
    /// Channels sent to the device: the file's, or 1 when the device has fewer.
    public let channelCount: Int

    private let session: PortAudioSession
    private let reader: AudioFileReader
    private var stream: UnsafeMutableRawPointer?
    private let framesPerChunk: Int

    /// Opens the file and the output stream.
    /// - Throws: `SoundFileError` for a missing, unreadable, empty or non-audio file (checked first,
    ///   so a bad file is reported even on a machine with no sound); `AudioDeviceError` for the device.
    public init(options: PlaybackOptions) throws {
        self.options = options
        let reader = try AudioFileReader(path: options.path)
        guard reader.frameCount > 0 else {
            throw SoundFileError(.empty, path: options.path, reason: "the file holds no audio")
        }
        guard options.startTime >= 0, options.startTime < reader.duration else {
            let length = String(format: "%.2f", reader.duration)
            throw SoundFileError(
                .ioFailure, path: options.path,
                reason: "cannot start at \(options.startTime) s: the file is \(length) s long")
        }
        session = try PortAudioSession()
        let device = try AudioDevices.resolve(options.device, for: .output, among: AudioDevices.enumerate())
        let channels = device.maxOutputChannels >= reader.channelCount ? reader.channelCount : 1
        var parameters = PaStreamParameters(
            device: PaDeviceIndex(device.index),
            channelCount: Int32(channels),
            sampleFormat: paFloat32,
            suggestedLatency: Pa_GetDeviceInfo(PaDeviceIndex(device.index))?.pointee.defaultHighOutputLatency ?? 0.1,
            hostApiSpecificStreamInfo: nil
        )
        var stream: UnsafeMutableRawPointer?
        let rate = reader.sampleRate
        let code = QuietStandardError.run {
            Pa_OpenStream(&stream, nil, &parameters, Double(rate), 0, PaStreamFlags(paClipOff), nil, nil)
        }
        try PortAudio.check(code, device: device.name, doing: "cannot play at \(rate) Hz")
        try reader.seek(toFrame: Int(options.startTime * Double(rate)))
        self.reader = reader
        self.stream = stream
        self.device = device
        self.sampleRate = rate
        self.duration = reader.duration
        self.channelCount = channels
        self.framesPerChunk = max(256, rate / 50)
    }

    deinit {
        if let stream {
            QuietStandardError.run {
                _ = Pa_AbortStream(stream)
                _ = Pa_CloseStream(stream)
            }
        }
    }

    /// Plays from the start time to the end, blocking the caller.
    /// - Parameters:
    ///   - progress: called about 50 times a second with the position in seconds.
    ///   - shouldStop: polled as often; return true to stop at once.
    public func play(
        progress: (Double) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws -> PlaybackOutcome {
        guard let stream else { return .finished }
        defer {
            QuietStandardError.run { _ = Pa_CloseStream(stream) }
            self.stream = nil
        }
        try PortAudio.check(
            QuietStandardError.run { Pa_StartStream(stream) }, device: device.name, doing: "cannot start playback")
        var chunk = [Float](repeating: 0, count: framesPerChunk * channelCount)
        var frame = Int(options.startTime * Double(sampleRate))
        while true {
            if shouldStop() {
                QuietStandardError.run { _ = Pa_AbortStream(stream) }
                return .stopped(at: Double(frame) / Double(sampleRate))
            }
            let frames = try chunk.withUnsafeMutableBufferPointer { buffer throws(SoundFileError) in
                channelCount == reader.channelCount
                    ? try reader.readInterleaved(into: buffer) : try reader.readMono(into: buffer)
            }
            if frames == 0 { break }
            try write(chunk, frames: frames, to: stream)
            frame += frames
            progress(Double(frame) / Double(sampleRate))
        }
        // PortAudio's ALSA backend discards queued audio on stop instead of draining it, so push the
        // last real samples through the device latency with silence before stopping.
        let latency = Pa_GetStreamInfo(stream)?.pointee.outputLatency ?? 0.2
        var tail = Int(latency * Double(sampleRate)) + framesPerChunk
        for index in chunk.indices { chunk[index] = 0 }
        while tail > 0 {
            if shouldStop() { break }
            let frames = min(tail, framesPerChunk)
            try write(chunk, frames: frames, to: stream)
            tail -= frames
        }
        QuietStandardError.run { _ = Pa_StopStream(stream) }
        return .finished
    }

    private func write(_ chunk: [Float], frames: Int, to stream: UnsafeMutableRawPointer) throws(AudioDeviceError) {
        let code = chunk.withUnsafeBufferPointer { Pa_WriteStream(stream, $0.baseAddress, UInt(frames)) }
        // An underflow means the device briefly ran dry (a click), not that playback failed.
        if code != paOutputUnderflowed.rawValue {
            try PortAudio.check(code, device: device.name, doing: "playback failed")
        }
    }
}
