import Foundation

/// Where a user's practice lives: `Prompts/` with the decks, `Recordings/` with one folder of audio
/// per session and the database `Recordings/rehearse.sqlite`.
public struct PracticeHome: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder.standardizedFileURL }

    /// `--home`; else `REHEARSE_HOME`; else the working folder when it holds `Prompts/` (a clone of
    /// rehearse, or a home made on purpose); else the user's data folder,
    /// `$XDG_DATA_HOME/rehearse` (by default `~/.local/share/rehearse`), so recordings never land in
    /// whatever folder a command happens to run in.
    public static func resolve(
        _ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        workingFolder: String = FileManager.default.currentDirectoryPath
    ) -> PracticeHome {
        if let path = option ?? environment["REHEARSE_HOME"] { return PracticeHome(folder: URL(fileURLWithPath: path)) }
        var isFolder: ObjCBool = false
        let prompts = URL(fileURLWithPath: workingFolder).appendingPathComponent("Prompts").path
        if FileManager.default.fileExists(atPath: prompts, isDirectory: &isFolder), isFolder.boolValue {
            return PracticeHome(folder: URL(fileURLWithPath: workingFolder))
        }
        return PracticeHome(folder: userDataFolder(environment: environment))
    }

    /// `$XDG_DATA_HOME/rehearse`, else `~/.local/share/rehearse` (the XDG Base Directory default).
    public static func userDataFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return URL(fileURLWithPath: base).appendingPathComponent("rehearse")
    }

    public var prompts: URL { folder.appendingPathComponent("Prompts") }
    public var recordings: URL { folder.appendingPathComponent("Recordings") }
    public var database: URL { recordings.appendingPathComponent("rehearse.sqlite") }

    /// The absolute location of a take's file, which the store keeps relative to the home.
    public func url(of relativePath: String) -> URL { folder.appendingPathComponent(relativePath) }
}
