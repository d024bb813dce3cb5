internal import CSndFile
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes 16-bit audio to a new WAV or FLAC file, keeping it readable at every moment.
///
/// For WAV, libsndfile rewrites the header after every write, so if the process dies the file holds
/// every frame written so far. `sync()` also forces the data to the disk (for power loss).
/// Not thread-safe: use one writer from one thread at a time.
public final class AudioFileWriter {
    /// The path as given to `init`.
    public let path: String
    public let format: AudioFileFormat
    /// Frames per second, in Hz.
    public let sampleRate: Int
    public let channelCount: Int
    /// Frames written so far.
    public private(set) var framesWritten = 0

    private var file: OpaquePointer?

    /// Creates (or replaces) the file at `path`.
    /// - Throws: `SoundFileError` with `.unwritable` (missing or read-only folder) or `.diskFull`.
    public init(path: String, format: AudioFileFormat, sampleRate: Int, channelCount: Int = 1) throws(SoundFileError) {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channelCount)
        info.format = format.sndfileFormat
        errno = 0
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw LibSndFile.writeFailure(path: path, file: nil, systemError: errno)
        }
        self.file = file
        self.path = path
        self.format = format
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        // Keep the length fields in the header current after every write: the crash-safety guarantee.
        sf_command(file, Int32(SFC_SET_UPDATE_HEADER_AUTO), nil, Int32(SF_TRUE))
        // Out-of-range floats clip instead of wrapping around.
        sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    }

    deinit {
        if let file { sf_close(file) }
    }

    /// Appends interleaved 16-bit frames.
    public func write(_ samples: UnsafeBufferPointer<Int16>) throws(SoundFileError) {
        let frames = samples.count / channelCount
        guard frames > 0, let base = samples.baseAddress else { return }
        errno = 0
        let written = sf_writef_short(openFile, base, sf_count_t(frames))
        try account(written: written, of: frames)
    }

    /// Appends interleaved Float frames in [-1, 1]; values outside clip.
    public func write(_ samples: UnsafeBufferPointer<Float>) throws(SoundFileError) {
        let frames = samples.count / channelCount
        guard frames > 0, let base = samples.baseAddress else { return }
        errno = 0
        let written = sf_writef_float(openFile, base, sf_count_t(frames))
        try account(written: written, of: frames)
    }

    /// Convenience for arrays of interleaved Float frames.
    public func write(_ samples: [Float]) throws(SoundFileError) {
        try samples.withUnsafeBufferPointer { buffer throws(SoundFileError) in try write(buffer) }
    }

    /// Brings the header up to date and asks the operating system to put everything on disk.
    public func sync() {
        guard let file else { return }
        sf_command(file, Int32(SFC_UPDATE_HEADER_NOW), nil, 0)
        sf_write_sync(file)
    }

    /// Brings the header up to date, then forces the file to disk on a background queue, so that a
    /// slow disk (an `fsync` can take seconds under load) never holds up the next write. A sync
    /// still running is not queued twice. Survives a power cut; a killed process loses nothing
    /// written before it, synced or not.
    public func syncInBackground() {
        guard let file else { return }
        sf_command(file, Int32(SFC_UPDATE_HEADER_NOW), nil, 0)
        guard !backgroundSync.busy.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            backgroundSync.busy.store(false, ordering: .releasing)
            return
        }
        let busy = backgroundSync
        backgroundSync.queue.async {
            fsync(descriptor)
            Glibc.close(descriptor)
            busy.busy.store(false, ordering: .releasing)
        }
    }

    /// The queue of `syncInBackground`, and whether a sync is running.
    private final class BackgroundSync: Sendable {
        let queue = DispatchQueue(label: "rehearse.file-sync")
        let busy = Atomic<Bool>(false)
    }

    private let backgroundSync = BackgroundSync()

    /// Finishes the file (final header, FLAC metadata) and closes it.
    public func close() throws(SoundFileError) {
        guard let file else { return }
        self.file = nil
        errno = 0
        let status = sf_close(file)
        if status != 0 {
            throw LibSndFile.writeFailure(path: path, file: nil, systemError: errno)
        }
    }

    private var secondsWritten: String {
        String(format: "%.1f", Double(framesWritten) / Double(sampleRate))
    }

    private var openFile: OpaquePointer {
        guard let file else { preconditionFailure("AudioFileWriter used after close()") }
        return file
    }

    private func account(written: sf_count_t, of frames: Int) throws(SoundFileError) {
        if written > 0 { framesWritten += Int(written) }
        if written != sf_count_t(frames) {
            let error = errno
            if error == ENOSPC || error == EDQUOT {
                throw SoundFileError(
                    .diskFull, path: path, reason: "no space left on device after \(secondsWritten) s of audio")
            }
            let reason = error != 0 ? String(cString: strerror(error)) : LibSndFile.message(openFile)
            throw SoundFileError(
                .unwritable, path: path, reason: "write failed after \(secondsWritten) s of audio: \(reason)")
        }
    }
}
