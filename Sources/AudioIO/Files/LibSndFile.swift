internal import CSndFile

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin helpers between libsndfile's C conventions and `SoundFileError`.
enum LibSndFile {
    /// libsndfile's text for the last error on `file` (or on the last failed open when `file` is nil).
    static func message(_ file: OpaquePointer?) -> String {
        guard let text = sf_strerror(file) else { return "unknown libsndfile error" }
        return String(cString: text)
    }

    /// Explains why `path` cannot be opened for reading, checking the file system first so that the
    /// common cases get a precise message instead of libsndfile's generic "System error".
    static func readFailure(path: String, file: OpaquePointer?) -> SoundFileError {
        var status = stat()
        if stat(path, &status) != 0 {
            switch errno {
            case EACCES: return SoundFileError(.permissionDenied, path: path, reason: "permission denied")
            case ENOENT: return SoundFileError(.fileNotFound, path: path, reason: "no such file")
            case ELOOP: return SoundFileError(.notAFile, path: path, reason: "a loop of symbolic links")
            case ENOTDIR: return SoundFileError(.fileNotFound, path: path, reason: "a part of the path is not a folder")
            default: return SoundFileError(.ioFailure, path: path, reason: String(cString: strerror(errno)))
            }
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return SoundFileError(.notAFile, path: path, reason: "is a directory, not an audio file")
        }
        if access(path, R_OK) != 0 {
            return SoundFileError(.permissionDenied, path: path, reason: "permission denied")
        }
        if status.st_size == 0 {
            return SoundFileError(.empty, path: path, reason: "the file is empty (0 bytes)")
        }
        let reason = message(file)
        switch Int(sf_error(file)) {
        case SF_ERR_UNRECOGNISED_FORMAT, SF_ERR_UNSUPPORTED_ENCODING:
            return SoundFileError(
                .unrecognisedFormat, path: path, reason: "not an audio file libsndfile can read (\(reason))")
        case SF_ERR_SYSTEM:
            return SoundFileError(.ioFailure, path: path, reason: reason)
        default:
            // SF_ERR_MALFORMED_FILE and libsndfile's many format-specific codes (a missing chunk, a
            // short header…) all mean the file is recognisably audio but broken.
            return SoundFileError(.malformed, path: path, reason: "damaged or truncated audio file (\(reason))")
        }
    }

    /// Explains why `path` cannot be created for writing.
    static func writeFailure(path: String, file: OpaquePointer?, systemError: Int32) -> SoundFileError {
        if systemError == ENOSPC || systemError == EDQUOT {
            return SoundFileError(.diskFull, path: path, reason: "no space left on device")
        }
        let directory = parentDirectory(of: path)
        var status = stat()
        if stat(directory, &status) != 0 {
            return SoundFileError(.unwritable, path: path, reason: "folder '\(directory)' does not exist")
        }
        if (status.st_mode & S_IFMT) != S_IFDIR {
            return SoundFileError(.unwritable, path: path, reason: "'\(directory)' is not a folder")
        }
        if access(directory, W_OK) != 0 || systemError == EACCES || systemError == EROFS {
            return SoundFileError(.unwritable, path: path, reason: "folder '\(directory)' is not writable")
        }
        if systemError != 0 {
            return SoundFileError(.unwritable, path: path, reason: String(cString: strerror(systemError)))
        }
        return SoundFileError(.unwritable, path: path, reason: message(file))
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
