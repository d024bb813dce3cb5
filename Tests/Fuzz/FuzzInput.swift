import AudioIO
import FileAnalysis
import Foundation

/// One fuzz input: written to a file (libsndfile reads paths), opened, decoded and analysed as
/// `rehearse analyze` would. Errors are expected and fine; a crash, a hang or a runaway
/// allocation is the finding.
enum FuzzInput {
    /// Where inputs are written: memory-backed when the machine has /dev/shm.
    static let scratch: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/rehearse-fuzz-\(getpid())"
    }()

    static func run(_ bytes: UnsafeRawBufferPointer, extension fileExtension: String = "bin") {
        let path = scratch + "." + fileExtension
        guard let file = fopen(path, "wb") else { return }
        if let base = bytes.baseAddress { fwrite(base, 1, bytes.count, file) }
        fclose(file)
        defer { unlink(path) }
        _ = try? RecordingAnalysis.analyze(file: path, externalDecoding: false)
    }
}
