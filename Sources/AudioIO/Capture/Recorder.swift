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

    public init(
        path: String,
        format: AudioFileFormat = .wav,
        preferredSampleRate: Int = 48_000,
        device: DeviceSelector? = nil,
        maximumDuration: Double? = nil,
        syncInterval: Double = 1
    ) {
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
    private let state: UnsafeMutablePointer<CaptureState>
    private var stream: UnsafeMutableRawPointer?
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
        let state = UnsafeMutablePointer<CaptureState>.allocate(capacity: 1)
        state.initialize(to: CaptureState(ringCapacity: rate * 4))

        var stream: UnsafeMutableRawPointer?
        let code = QuietStandardError.run {
            Pa_OpenStream(&stream, &parameters, nil, Double(rate), 0, PaStreamFlags(paClipOff), captureCallback, state)
        }
        if code < 0 {
            try? writer.close()
            unlink(options.path)
            state.deinitialize(count: 1)
            state.deallocate()
            throw PortAudio.error(code, device: device.name, doing: "cannot open for recording")
        }
        self.device = device
        self.sampleRate = rate
        self.state = state
        self.diskWriter = DiskWriter(
            file: writer,
            capture: state,
            maximumFrames: maximumFrames,
            syncEvery: max(1, Int(options.syncInterval * Double(rate)))
        )
        self.stream = stream
    }

    deinit {
        if summary == nil { _ = try? stop() }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Starts capturing. Audio reaches the file from now on.
    public func start() throws {
        guard let stream, writerThread == nil else { return }
        let writer = diskWriter
        let thread = Thread { writer.run() }
        thread.name = "rehearse.disk-writer"
        thread.qualityOfService = .userInitiated
        writerThread = thread
        thread.start()
        let code = QuietStandardError.run { Pa_StartStream(stream) }
        if code < 0 {
            writer.finish()
            throw PortAudio.error(code, device: device.name, doing: "cannot start recording")
        }
    }

    /// The loudness of the latest captured block; safe to call from any thread at any time.
    public var level: AudioLevel {
        AudioLevel(
            peak: Float(bitPattern: state.pointee.peakBits.load(ordering: .relaxed)),
            rms: Float(bitPattern: state.pointee.rmsBits.load(ordering: .relaxed))
        )
    }

    /// Seconds of audio captured so far.
    public var elapsed: Double {
        Double(state.pointee.framesCaptured.load(ordering: .relaxed)) / Double(sampleRate)
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
        if let stream {
            QuietStandardError.run {
                _ = Pa_StopStream(stream)
                _ = Pa_CloseStream(stream)
            }
            self.stream = nil
        }
        diskWriter.finish()
        if writerThread != nil { diskWriter.waitUntilDone() }
        let closeFailure: SoundFileError?
        do { try diskWriter.file.close(); closeFailure = nil } catch { closeFailure = error }
        let result = RecordingSummary(
            path: options.path,
            device: device.name,
            sampleRate: sampleRate,
            frames: diskWriter.file.framesWritten,
            droppedFrames: state.pointee.ring.droppedSamples.load(ordering: .relaxed),
            deviceOverflows: state.pointee.deviceOverflows.load(ordering: .relaxed)
        )
        summary = result
        if let failure = diskWriter.failure ?? closeFailure { throw failure }
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

/// Drains the capture ring into the file on its own thread.
private final class DiskWriter: @unchecked Sendable {
    let file: AudioFileWriter
    private let capture: UnsafeMutablePointer<CaptureState>
    private let maximumFrames: Int?
    private let syncEvery: Int
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private let failureBox = Mutex<SoundFileError?>(nil)

    init(file: AudioFileWriter, capture: UnsafeMutablePointer<CaptureState>, maximumFrames: Int?, syncEvery: Int) {
        self.file = file
        self.capture = capture
        self.maximumFrames = maximumFrames
        self.syncEvery = syncEvery
    }

    var isFinished: Bool { finished.load(ordering: .acquiring) }
    var failure: SoundFileError? { failureBox.withLock { $0 } }

    func finish() { stopRequested.store(true, ordering: .releasing) }
    func waitUntilDone() { done.wait() }

    func run() {
        defer {
            finished.store(true, ordering: .releasing)
            done.signal()
        }
        var chunk = [Int16](repeating: 0, count: 8_192)
        var sinceSync = 0
        while true {
            let stopping = stopRequested.load(ordering: .acquiring)
            let count = chunk.withUnsafeMutableBufferPointer { capture.pointee.ring.read(into: $0) }
            if count == 0 {
                if stopping { break }
                Thread.sleep(forTimeInterval: 0.02)
                continue
            }
            let wanted = maximumFrames.map { min(count, $0 - file.framesWritten) } ?? count
            do {
                try chunk.withUnsafeBufferPointer { buffer throws(SoundFileError) in
                    try file.write(UnsafeBufferPointer(rebasing: buffer[..<wanted]))
                }
            } catch {
                failureBox.withLock { $0 = error }
                return
            }
            sinceSync += wanted
            if sinceSync >= syncEvery {
                file.syncInBackground()
                sinceSync = 0
            }
            if let maximumFrames, file.framesWritten >= maximumFrames {
                finished.store(true, ordering: .releasing)
                // Keep draining so the callback never sees a full ring, but write nothing more.
                while !stopRequested.load(ordering: .acquiring) {
                    _ = chunk.withUnsafeMutableBufferPointer { capture.pointee.ring.read(into: $0) }
                    Thread.sleep(forTimeInterval: 0.02)
                }
                return
            }
        }
    }
}
