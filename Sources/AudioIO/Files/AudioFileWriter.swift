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
/// every frame written so far. `syncInBackground()` also forces the data to the disk (for power loss).
/// It owns the open file: `~Copyable`, finished by the consuming `close()` (or, without its report,
/// at the end of its scope), after which the compiler refuses any use.
public struct AudioFileWriter: ~Copyable {
    /// The path as given to `init`.
    public let path: String
    public let format: AudioFileFormat
    /// Frames per second, in Hz.
    public let sampleRate: Int
    public let channelCount: Int
    /// Frames written so far.
    public private(set) var framesWritten = 0

    private let file: SoundFileHandle

    /// Creates (or replaces) the file at `path`.
    /// - Throws: `SoundFileError` with `.unwritable` (missing or read-only folder) or `.diskFull`.
    public init(path: String, format: AudioFileFormat, sampleRate: Int, channelCount: Int = 1) throws(SoundFileError) {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channelCount)
        info.format = format.sndfileFormat
        errno = 0
        guard let pointer = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw LibSndFile.writeFailure(path: path, file: nil, systemError: errno)
        }
        self.file = SoundFileHandle(pointer)
        self.path = path
        self.format = format
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        // Keep the length fields in the header current after every write: the crash-safety guarantee.
        sf_command(pointer, Int32(SFC_SET_UPDATE_HEADER_AUTO), nil, Int32(SF_TRUE))
        // Out-of-range floats clip instead of wrapping around.
        sf_command(pointer, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    }

    /// Appends interleaved 16-bit frames.
    public mutating func write(_ samples: UnsafeBufferPointer<Int16>) throws(SoundFileError) {
        guard let base = samples.baseAddress else { return }
        let pointer = file.pointer
        try append(samples.count / channelCount) { sf_writef_short(pointer, base, sf_count_t($0)) }
    }

    /// Appends interleaved Float frames in [-1, 1]; values outside clip.
    public mutating func write(_ samples: UnsafeBufferPointer<Float>) throws(SoundFileError) {
        guard let base = samples.baseAddress else { return }
        let pointer = file.pointer
        try append(samples.count / channelCount) { sf_writef_float(pointer, base, sf_count_t($0)) }
    }

    /// Writes `frames` frames with `write` (which returns how many it wrote) and accounts for them.
    private mutating func append(_ frames: Int, _ write: (Int) -> sf_count_t) throws(SoundFileError) {
        let (allowed, full) = allowedFrames(frames)
        if allowed > 0 {
            errno = 0
            try account(written: write(allowed), of: allowed)
        }
        if full { throw diskFull }
    }

    /// Convenience for arrays of interleaved Float frames.
    public mutating func write(_ samples: [Float]) throws(SoundFileError) {
        try samples.withUnsafeBufferPointer { buffer throws(SoundFileError) in try write(buffer) }
    }

    /// Brings the header up to date, then forces the file to disk on a background queue, so that a
    /// slow disk (an `fsync` can take seconds under load) never holds up the next write. A sync
    /// still running is not queued twice. Survives a power cut; a killed process loses nothing
    /// written before it, synced or not.
    public func syncInBackground() {
        sf_command(file.pointer, Int32(SFC_UPDATE_HEADER_NOW), nil, 0)
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
    public consuming func close() throws(SoundFileError) {
        if let systemError = file.close() {
            throw LibSndFile.writeFailure(path: path, file: nil, systemError: systemError)
        }
    }

    /// How many of `frames` may be written, and whether the disk is then full: all of them and no,
    /// except under a `disk-full-after` fault in a debug build.
    private func allowedFrames(_ frames: Int) -> (Int, full: Bool) {
        #if DEBUG
        if case .diskFull(let seconds) = Fault.active {
            let limit = Int(seconds * Double(sampleRate))
            if framesWritten + frames > limit { return (max(0, limit - framesWritten), true) }
        }
        #endif
        return (frames, false)
    }

    private var diskFull: SoundFileError {
        SoundFileError(.diskFull, path: path, reason: "no space left on device after \(secondsWritten) s of audio")
    }

    private var secondsWritten: String {
        String(format: "%.1f", Double(framesWritten) / Double(sampleRate))
    }

    private mutating func account(written: sf_count_t, of frames: Int) throws(SoundFileError) {
        if written > 0 { framesWritten += Int(written) }
        if written != sf_count_t(frames) {
            let error = errno
            if error == ENOSPC || error == EDQUOT { throw diskFull }
            let reason = error != 0 ? String(cString: strerror(error)) : LibSndFile.message(file.pointer)
            throw SoundFileError(
                .unwritable, path: path, reason: "write failed after \(secondsWritten) s of audio: \(reason)")
        }
    }
}
