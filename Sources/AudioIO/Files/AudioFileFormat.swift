internal import CSndFile

/// A container and encoding the tool writes. Reading accepts anything libsndfile knows.
public enum AudioFileFormat: String, CaseIterable, Sendable {
    /// RIFF WAVE, 16-bit signed PCM. Its header is rewritten after every write, so a file cut short
    /// by a crash stays playable.
    case wav
    /// FLAC, 16-bit, lossless and about half the size. A file cut short by a crash keeps its audio
    /// but not its length field; see `Recorder` for the consequences.
    case flac

    /// The conventional file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Guesses the format from a file name's extension; nil when it is neither `.wav` nor `.flac`.
    public init?(pathExtension path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".wav") || lower.hasSuffix(".wave") {
            self = .wav
        } else if lower.hasSuffix(".flac") {
            self = .flac
        } else {
            return nil
        }
    }

    var sndfileFormat: Int32 {
        switch self {
        case .wav: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .flac: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        }
    }
}
