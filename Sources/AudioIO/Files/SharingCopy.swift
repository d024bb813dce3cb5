internal import CSndFile
import Foundation

/// A small copy of a recording, to travel inside a page or a message: mono MP3 at a low constant
/// bitrate (libsndfile with LAME), about 0.25 MB a minute, plenty for a voice.
public enum SharingCopy {
    /// libsndfile's compression level for MP3: 0 is the highest bitrate, 1 the lowest.
    static let compressionLevel = 0.85

    /// The MP3 bytes of `path`'s audio, downmixed to mono.
    /// - Throws: `SoundFileError` naming the file when it cannot be read or encoded.
    public static func mp3(of path: String) throws(SoundFileError) -> Data {
        let reader = try AudioFileReader(path: path)
        var template = Array((NSTemporaryDirectory() + "/rehearse-share-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw SoundFileError(.unwritable, path: path, reason: "cannot make a temporary file to compress it")
        }
        close(descriptor)
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(temporary) }
        var info = SF_INFO()
        info.samplerate = Int32(reader.sampleRate)
        info.channels = 1
        info.format = Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)
        guard let pointer = sf_open(temporary, Int32(SFM_WRITE), &info) else {
            throw SoundFileError(
                .unrecognisedFormat, path: path,
                reason: "cannot compress \(reader.sampleRate) Hz audio to MP3 (\(LibSndFile.message(nil)))")
        }
        let file = SoundFileHandle(pointer)
        var mode = Int32(SF_BITRATE_MODE_CONSTANT)
        sf_command(pointer, Int32(SFC_SET_BITRATE_MODE), &mode, Int32(MemoryLayout<Int32>.size))
        var level = compressionLevel
        sf_command(pointer, Int32(SFC_SET_COMPRESSION_LEVEL), &level, Int32(MemoryLayout<Double>.size))
        try reader.forEachMonoChunk { chunk throws(SoundFileError) in
            guard let base = chunk.baseAddress else { return }
            if sf_writef_float(pointer, base, sf_count_t(chunk.count)) != sf_count_t(chunk.count) {
                throw SoundFileError(
                    .unwritable, path: path, reason: "MP3 encoding failed: \(LibSndFile.message(pointer))")
            }
        }
        if let error = file.close() {
            throw SoundFileError(
                .unwritable, path: path, reason: "MP3 encoding failed: \(String(cString: strerror(error)))")
        }
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw SoundFileError(.ioFailure, path: path, reason: "cannot read back the compressed copy")
        }
        return data
    }
}
