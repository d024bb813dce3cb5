/// A failure to open, read or write an audio file, with the file and libsndfile's own explanation.
///
/// Catch a specific case by its code: `catch SoundFileError.Code.fileNotFound { … }`.
public struct SoundFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in categories a caller can act on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }

        /// The path does not exist.
        public static let fileNotFound = Code(rawValue: "file not found")
        /// The path exists but is not a regular file (a directory, a device…).
        public static let notAFile = Code(rawValue: "not a file")
        /// The file exists but we may not read it.
        public static let permissionDenied = Code(rawValue: "permission denied")
        /// The file is not audio, or in a format libsndfile does not know.
        public static let unrecognisedFormat = Code(rawValue: "unrecognised format")
        /// The file claims to be audio but its structure is broken (for instance a truncated header).
        public static let malformed = Code(rawValue: "malformed")
        /// The file holds no audio frames at all.
        public static let empty = Code(rawValue: "empty")
        /// The file cannot be created or written (missing or read-only directory).
        public static let unwritable = Code(rawValue: "unwritable")
        /// The disk (or quota) is full.
        public static let diskFull = Code(rawValue: "disk full")
        /// Any other failure reported by libsndfile or the system.
        public static let ioFailure = Code(rawValue: "i/o failure")
    }

    public let code: Code
    /// The file involved, as the caller named it.
    public let path: String
    /// A short human explanation (usually libsndfile's or the system's own text).
    public let reason: String

    public init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    /// One line suitable for a terminal: `cannot read 'x.wav': File contains data in an unknown format.`
    public var description: String {
        let verb = [.unwritable, .diskFull].contains(code) ? "cannot write" : "cannot read"
        return "\(verb) '\(path)': \(reason)"
    }
}

extension SoundFileError.Code {
    /// Lets `catch SoundFileError.Code.x` match an error of that code.
    public static func ~= (code: Self, error: any Error) -> Bool {
        (error as? SoundFileError)?.code == code
    }
}

extension SoundFileError {
    /// The same error about another file (a decoded copy reports the original).
    func naming(_ path: String) -> SoundFileError { SoundFileError(code, path: path, reason: reason) }
}
