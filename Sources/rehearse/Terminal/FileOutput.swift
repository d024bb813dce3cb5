import Foundation

/// Writes files the user asked for (an HTML report, TextGrids) all or nothing: into a new file
/// beside the target, flushed, then renamed over it, so a full disk or a crash never leaves half a
/// file. Errors name the file and the system's reason in one line.
enum FileOutput {
    static func write(_ text: String, to path: String) throws {
        let folder =
            (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var template = Array("\(folder)/.rehearse-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Int32 = 0
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 { failure = errno; break }
            written += result
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && fchmodat(AT_FDCWD, temporary, 0o644, 0) != 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw CommandFailure("cannot write '\(path)': \(String(cString: strerror(failure)))")
        }
    }
}
