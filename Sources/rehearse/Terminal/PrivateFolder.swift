import Foundation

/// A temporary folder with a random name that only this user can enter (mode 0700), removed with
/// everything in it when `body` returns: safe against files planted in the shared temp folder.
enum PrivateFolder {
    static func with<T>(_ body: (URL) throws -> T) throws -> T {
        var template = Array((FileManager.default.temporaryDirectory.path + "/rehearse.XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw CommandFailure(
                "cannot create a private temporary folder in '\(FileManager.default.temporaryDirectory.path)': \(String(cString: strerror(errno)))"
            )
        }
        let folder = URL(fileURLWithPath: String(cString: created))
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }
}
