internal import CPortAudio
import Foundation
import Synchronization

/// What to record and where.
public struct RecordingOptions: Sendable {
    /// The file to create (replaced if it exists).
    public var path: String
    public var format: AudioFileFormat
    /// The rate to ask the device for, in Hz. When the device refuses it, its own default rate is used.
    public var preferredSampleRate: Int
    /// The input device; nil for the system default.
    public var device: DeviceSelector?
    /// Stop by itself after this many seconds; nil to record until `stop()`.
    public var maximumDuration: Double?
    /// How often the file is forced to disk, in seconds (the most audio a power cut can take).
    public var syncInterval: Double
    /// Called with every block of samples once it is in the file, on the writer thread (never the
    /// audio callback): for following the audio live, e.g. to hear when an answer ends.
    public var listener: (@Sendable (UnsafeBufferPointer<Int16>) -> Void)?

    public init(
        path: String,
        format: AudioFileFormat = .wav,
        preferredSampleRate: Int = 48_000,
        device: DeviceSelector? = nil,
        maximumDuration: Double? = nil,
        syncInterval: Double = 1,
        listener: (@Sendable (UnsafeBufferPointer<Int16>) -> Void)? = nil
    ) {
        self.listener = listener
        self.path = path
        self.format = format
        self.preferredSampleRate = preferredSampleRate
        self.device = device
        self.maximumDuration = maximumDuration
        self.syncInterval = syncInterval
    }
}

/// What a finished recording holds.
public struct RecordingSummary: Sendable, Equatable {
    public let path: String
    /// The device's name.
    public let device: String
    /// Hz.
    public let sampleRate: Int
    /// Frames in the file.
    public let frames: Int
    /// Frames the device delivered that could not be written because the disk writer fell behind.
    public let droppedFrames: Int
    /// Times the device reported losing input before it reached us.
    public let deviceOverflows: Int

    /// Seconds of audio in the file.
    public var duration: Double { Double(frames) / Double(sampleRate) }

    public init(path: String, device: String, sampleRate: Int, frames: Int, droppedFrames: Int, deviceOverflows: Int) {
        self.path = path
        self.device = device
        self.sampleRate = sampleRate
        self.frames = frames
        self.droppedFrames = droppedFrames
        self.deviceOverflows = deviceOverflows
    }
}

/// Records mono 16-bit audio from an input device straight to a file.
///
/// PortAudio's callback copies each block into a lock-free ring buffer; a writer thread drains the
/// ring every ~20 ms into the file, whose header is kept current, and forces it to disk every
/// `syncInterval`. So at any moment the file on disk holds everything up to the last write.
///
/// Use from one thread: `init`, `start()`, poll `level`/`elapsed`/`isFinished`, then `stop()`.
public final class Recorder {
    /// The device being recorded.
    public let device: AudioDevice
    /// The rate actually used, in Hz (may differ from the preferred one).
    public let sampleRate: Int
    public let options: RecordingOptions

    private let session: PortAudioSession
    /// The memory the capture callback writes into; outlives the stream.
    private let capture: CaptureBox
    private var stream: PortAudioStream?
    private let diskWriter: DiskWriter
    private var writerThread: Thread?
    private var summary: RecordingSummary?

    /// Chooses the device and rate, creates the file and opens the input stream (not yet started).
    /// - Throws: `AudioDeviceError` (no or unknown device, busy, unsupported rate) before any file is
    ///   created; `SoundFileError` if the file cannot be created.
    public init(options: RecordingOptions) throws {
        self.options = options
        session = try PortAudioSession()
        let device = try AudioDevices.resolve(options.device, for: .input, among: AudioDevices.enumerate())
        var parameters = PaStreamParameters(
            device: PaDeviceIndex(device.index),
            channelCount: 1,
            sampleFormat: paInt16,
            suggestedLatency: Pa_GetDeviceInfo(PaDeviceIndex(device.index))?.pointee.defaultHighInputLatency ?? 0.1,
            hostApiSpecificStreamInfo: nil
        )
        let rate = try Self.supportedRate(
            preferring: options.preferredSampleRate, device: device, parameters: &parameters)
        let maximumFrames = options.maximumDuration.map { Int(($0 * Double(rate)).rounded()) }
        let writer = try AudioFileWriter(path: options.path, format: options.format, sampleRate: rate)
        // Four seconds of slack: the writer would have to stall that long before anything is dropped.
        let capture = CaptureBox(ringCapacity: rate * 4)
        do {
            stream = try PortAudioStream(
                input: parameters, output: nil, sampleRate: rate, capture: capture.state, device: device.name,
                session: session, doing: "cannot open for recording")
        } catch {
            try? writer.close()
            unlink(options.path)
            throw error
        }
        self.device = device
        self.sampleRate = rate
        self.diskWriter = DiskWriter(
            file: writer,
            capture: capture.state,
            maximumFrames: maximumFrames,
            syncEvery: max(1, Int(options.syncInterval * Double(rate))),
            listener: options.listener
        )
        self.capture = capture
    }

    deinit {
        if summary == nil { _ = try? stop() }
    }

    /// Starts capturing. Audio reaches the file from now on.
    public func start() throws {
        guard stream != nil, writerThread == nil else { return }
        let writer = diskWriter
        let thread = Thread { writer.run() }
        thread.name = "rehearse.disk-writer"
        thread.qualityOfService = .userInitiated
        writerThread = thread
        thread.start()
        do {
            try stream?.start(doing: "cannot start recording")
        } catch {
            writer.finish()
            throw error
        }
    }

    /// The loudness of the latest captured block; safe to call from any thread at any time.
    public var level: AudioLevel {
        AudioLevel(
            peak: Float(bitPattern: capture.state.pointee.peakBits.load(ordering: .relaxed)),
            rms: Float(bitPattern: capture.state.pointee.rmsBits.load(ordering: .relaxed))
        )
    }

    /// Seconds of audio captured so far.
    public var elapsed: Double {
        Double(capture.state.pointee.framesCaptured.load(ordering: .relaxed)) / Double(sampleRate)
    }

    /// True once the maximum duration is written, or writing failed (see `writeFailure`).
    public var isFinished: Bool { diskWriter.isFinished }

    /// Why the file stopped growing early (a full disk, say), if it did.
    public var writeFailure: SoundFileError? { diskWriter.failure }

    /// Stops capturing, writes out everything captured, finalises the file and reports on it.
    /// Calling it again returns the same summary.
    /// - Throws: the `SoundFileError` that stopped the writer, after the file has been finalised
    ///   with everything written before the failure.
    @discardableResult
    public func stop() throws(SoundFileError) -> RecordingSummary {
        if let summary { return summary }
        if let stream = stream.take() { stream.stop() }  // Closed here, before the file is finished.
        diskWriter.finish()
        if writerThread != nil { diskWriter.waitUntilDone() } else { diskWriter.closeUnstarted() }
        let (frames, failure) = diskWriter.outcome
        let result = RecordingSummary(
            path: options.path,
            device: device.name,
            sampleRate: sampleRate,
            frames: frames,
            droppedFrames: capture.state.pointee.ring.droppedSamples.load(ordering: .relaxed),
            deviceOverflows: capture.state.pointee.deviceOverflows.load(ordering: .relaxed)
        )
        summary = result
        if let failure { throw failure }
        return result
    }

    private static func supportedRate(
        preferring preferred: Int, device: AudioDevice, parameters: inout PaStreamParameters
    ) throws(AudioDeviceError) -> Int {
        var candidates = [preferred]
        let fallback = Int(device.defaultSampleRate.rounded())
        if fallback > 0, fallback != preferred { candidates.append(fallback) }
        var lastCode: PaError = paInvalidSampleRate.rawValue
        for rate in candidates {
            lastCode = QuietStandardError.run { Pa_IsFormatSupported(&parameters, nil, Double(rate)) }
            if lastCode == paFormatIsSupported { return rate }
        }
        if lastCode == paInvalidSampleRate.rawValue {
            let tried = candidates.map { "\($0) Hz" }.joined(separator: " or ")
            throw AudioDeviceError(.unsupportedSampleRate, device: device.name, reason: "does not record at \(tried)")
        }
        throw PortAudio.error(lastCode, device: device.name, doing: "cannot record")
    }
}
