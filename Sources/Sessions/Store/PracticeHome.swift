import Foundation

/// Where a user's practice lives: `Prompts/` with the decks, `Recordings/` with one folder of audio
/// per session and the database `Recordings/rehearse.sqlite`.
public struct PracticeHome: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder.standardizedFileURL }

    /// `--home`, else `REHEARSE_HOME`, else the working directory.
    public static func resolve(_ option: String?) -> PracticeHome {
        let path =
            option ?? ProcessInfo.processInfo.environment["REHEARSE_HOME"] ?? FileManager.default.currentDirectoryPath
        return PracticeHome(folder: URL(fileURLWithPath: path))
    }

    public var prompts: URL { folder.appendingPathComponent("Prompts") }
    public var recordings: URL { folder.appendingPathComponent("Recordings") }
    public var database: URL { recordings.appendingPathComponent("rehearse.sqlite") }

    /// The absolute location of a take's file, which the store keeps relative to the home.
    public func url(of relativePath: String) -> URL { folder.appendingPathComponent(relativePath) }
}
