internal import CSndFile
import Foundation
import Signal

/// Reads any file libsndfile understands (WAV, FLAC, OGG/Vorbis, AIFF, MP3, …) in chunks, so
/// memory stays constant however long the file is.
///
/// It owns the open file: `~Copyable`, closed when it goes out of scope or by the consuming
/// `close()`, `readAllMono()` or `forEachMonoChunk(_:)`, after which the compiler refuses any use.
public struct AudioFileReader: ~Copyable, SampleSource {
    /// The path as given to `init`.
    public let path: String
    /// Frames per second, in Hz.
    public let sampleRate: Int
    /// Interleaved channels per frame in the file.
    public let channelCount: Int
    /// Frames in the file, as far as its header and size tell.
    public let frameCount: Int

    /// Highest sample rate accepted, in Hz (the highest professional audio rate).
    public static let maximumSampleRate = 384_000
    /// Most channels accepted in one file.
    public static let maximumChannelCount = 64

    /// Length of the audio in seconds.
    public var duration: Double { Double(frameCount) / Double(sampleRate) }

    private let file: SoundFileHandle
    /// Scratch space for interleaved frames before downmixing; grows once to the largest chunk asked for.
    private var interleaved: [Float] = []

    /// Opens `path` for reading like `init(path:)`; when libsndfile does not know the format (AAC in
    /// M4A or MP4, AMR, WebM, a video's sound), decodes it with FFmpeg first, if FFmpeg is installed.
    /// - Throws: `SoundFileError` naming the file; for an unknown format without FFmpeg, the error
    ///   says what to install.
    public static func open(anyFormat path: String) throws(SoundFileError) -> AudioFileReader {
        let refusal: SoundFileError
        do {
            return try AudioFileReader(path: path)
        } catch {
            refusal = error
        }
        guard refusal.code == .unrecognisedFormat else { throw refusal }
        return try ExternalDecoder.decode(path, refusedWith: refusal)
    }

    /// Opens `path` for reading.
    /// - Throws: `SoundFileError` naming the file: not found, not a file, unreadable, not audio, damaged.
    public init(path: String) throws(SoundFileError) {
        try self.init(path: path, reportingAs: path)
    }

    /// Opens `path`, naming `name` in every error and as `path` (a decoded copy of another file).
    init(path: String, reportingAs name: String) throws(SoundFileError) {
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG, (status.st_mode & S_IFMT) != S_IFDIR {
            // A named pipe or a device would block the open, or read for ever.
            throw SoundFileError(.notAFile, path: name, reason: "is not a regular file (a pipe or a device?)")
        }
        var info = SF_INFO()
        guard let pointer = QuietStandardError.run({ sf_open(path, Int32(SFM_READ), &info) }) else {
            throw LibSndFile.readFailure(path: path, file: nil).naming(name)
        }
        let file = SoundFileHandle(pointer)
        guard info.samplerate > 0, info.channels > 0 else {
            throw SoundFileError(.malformed, path: name, reason: "the header gives no sample rate or channel count")
        }
        // The header decides how much memory reading takes: refuse values no recording has.
        guard Int(info.samplerate) <= Self.maximumSampleRate else {
            throw SoundFileError(
                .malformed, path: name,
                reason: "the header claims \(info.samplerate) Hz; rehearse reads up to \(Self.maximumSampleRate) Hz")
        }
        guard Int(info.channels) <= Self.maximumChannelCount else {
            throw SoundFileError(
                .malformed, path: name,
                reason: "the header claims \(info.channels) channels; rehearse reads up to \(Self.maximumChannelCount)")
        }
        self.path = name
        self.sampleRate = Int(info.samplerate)
        self.channelCount = Int(info.channels)
        // A FLAC file whose writer was killed never got its length written; libsndfile then reports
        // an "unknown" length near Int64.max. Count the frames that are really there instead.
        if info.frames >= sf_count_t.max / 2 {
            frameCount = Self.countFrames(pointer, channels: Int(info.channels))
            sf_seek(pointer, 0, SEEK_SET)
        } else {
            frameCount = Int(info.frames)
        }
        self.file = file
    }

    private static func countFrames(_ file: OpaquePointer, channels: Int) -> Int {
        var scratch = [Int16](repeating: 0, count: 4_096 * channels)
        var total = 0
        while true {
            let read = scratch.withUnsafeMutableBufferPointer { sf_readf_short(file, $0.baseAddress, 4_096) }
            if read <= 0 { return total }
            total += Int(read)
        }
    }

    /// Closes the file now instead of at the end of its scope.
    public consuming func close() {}

    /// Moves the read position to `frame` (0 is the start).
    public func seek(toFrame frame: Int) throws(SoundFileError) {
        let clamped = max(0, min(frame, frameCount))
        if sf_seek(file.pointer, sf_count_t(clamped), SEEK_SET) < 0 {
            throw SoundFileError(
                .ioFailure, path: path, reason: "cannot seek to frame \(clamped): \(LibSndFile.message(file.pointer))")
        }
    }

    /// Reads up to `buffer.count / channelCount` interleaved frames as Float in [-1, 1].
    /// - Returns: frames read; 0 at the end of the file.
    public func readInterleaved(into buffer: UnsafeMutableBufferPointer<Float>) throws(SoundFileError) -> Int {
        let frames = buffer.count / channelCount
        guard frames > 0, let base = buffer.baseAddress else { return 0 }
        let read = QuietStandardError.run { sf_readf_float(file.pointer, base, sf_count_t(frames)) }
        return try checked(read)
    }

    /// Reads up to `buffer.count / channelCount` interleaved frames as 16-bit integers, bit-exact for
    /// 16-bit PCM files.
    /// - Returns: frames read; 0 at the end of the file.
    public func readInterleaved(into buffer: UnsafeMutableBufferPointer<Int16>) throws(SoundFileError) -> Int {
        let frames = buffer.count / channelCount
        guard frames > 0, let base = buffer.baseAddress else { return 0 }
        let read = QuietStandardError.run { sf_readf_short(file.pointer, base, sf_count_t(frames)) }
        return try checked(read)
    }

    /// Reads up to `buffer.count` frames, averaging all channels into one (a downmix).
    /// - Returns: frames read; 0 at the end of the file.
    public mutating func readMono(into buffer: UnsafeMutableBufferPointer<Float>) throws(SoundFileError) -> Int {
        if channelCount == 1 { return try readInterleaved(into: buffer) }
        let needed = buffer.count * channelCount
        if interleaved.count < needed { interleaved = [Float](repeating: 0, count: needed) }
        let channels = channelCount
        var scratch: [Float] = []
        swap(&scratch, &interleaved)  // Borrow the buffer without a copy-on-write copy.
        defer { swap(&scratch, &interleaved) }
        let frames = try scratch.withUnsafeMutableBufferPointer { scratch throws(SoundFileError) in
            let frames = try readInterleaved(into: UnsafeMutableBufferPointer(rebasing: scratch[..<needed]))
            if let source = scratch.baseAddress, let target = buffer.baseAddress {
                Downmix.mono(source, frames: frames, channels: channels, into: target)
            }
            return frames
        }
        return frames
    }

    /// `SampleSource`: interleaved frames as the file holds them.
    public mutating func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        try readInterleaved(into: buffer)
    }

    /// Reads the rest of the file as mono samples, then closes it. Convenient for short files;
    /// prefer `forEachMonoChunk` for anything long.
    public consuming func readAllMono() throws(SoundFileError) -> [Float] {
        var samples: [Float] = []
        // The header's frame count is a claim, not a fact: reserve at most an hour of it up front.
        samples.reserveCapacity(min(max(0, frameCount), sampleRate * 3_600))
        try forEachMonoChunk(chunkFrames: 16_384) { samples.append(contentsOf: $0) }
        return samples
    }

    /// Reads the rest of the file as mono chunks of up to `chunkFrames` samples, hands each to
    /// `body`, then closes the file; memory stays constant however long the file.
    /// - Throws: `SoundFileError` naming the file when reading fails or a sample is not a finite
    ///   number (a damaged or hostile float file), or whatever `body` throws.
    public consuming func forEachMonoChunk(
        chunkFrames: Int = 65_536, _ body: (UnsafeBufferPointer<Float>) throws(SoundFileError) -> Void
    ) throws(SoundFileError) {
        var chunk = [Float](repeating: 0, count: chunkFrames)
        var framesBefore = 0
        while true {
            let frames = try chunk.withUnsafeMutableBufferPointer { buffer throws(SoundFileError) in
                try readMono(into: buffer)
            }
            if frames == 0 { return }
            try chunk.withUnsafeBufferPointer { buffer throws(SoundFileError) in
                let read = UnsafeBufferPointer(rebasing: buffer[..<frames])
                if !Self.allFinite(read), let bad = read.firstIndex(where: { !$0.isFinite }) {
                    let seconds = Double(framesBefore + bad) / Double(sampleRate)
                    throw SoundFileError(
                        .malformed, path: path,
                        reason:
                            "a sample at \(String(format: "%.3f", seconds)) s is not a finite number; the file is damaged"
                    )
                }
                try body(read)
            }
            framesBefore += frames
        }
    }

    /// True when every sample is a finite number. Any NaN or infinity turns `x * 0` into NaN, so
    /// one multiply-add per sample, sixteen lanes at a time, answers it (the analysis must not pay
    /// for a sample-by-sample scan).
    static func allFinite(_ samples: UnsafeBufferPointer<Float>) -> Bool {
        var lanes = SIMD16<Float>()
        var index = 0
        if let base = samples.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 16 <= samples.count {
                lanes += raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self) * 0
                index += 16
            }
        }
        var tail: Float = 0
        while index < samples.count {
            tail += samples[index] * 0
            index += 1
        }
        return lanes.sum().isFinite && tail.isFinite
    }

    private func checked(_ read: sf_count_t) throws(SoundFileError) -> Int {
        if read < 0 || (read == 0 && sf_error(file.pointer) != SF_ERR_NO_ERROR) {
            throw SoundFileError(.ioFailure, path: path, reason: LibSndFile.message(file.pointer))
        }
        return Int(read)
    }
}
