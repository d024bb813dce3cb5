import Foundation

/// Where the package and its built products are, for tests that run scripts or the CLI.
public enum Paths {
    /// The package's root folder.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The `rehearse` executable built alongside the tests.
    public static var rehearseExecutable: URL { builtExecutable("rehearse") }

    /// An executable of the package built alongside the tests.
    public static func builtExecutable(_ name: String) -> URL {
        let runnerFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [runnerFolder, runnerFolder.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

}

/// A new empty folder under the system's temporary folder, removed with everything in it when the
/// last reference goes (a suite's instance ends with its test). Tests leave nothing behind.
public final class TemporaryFolder: Sendable {
    public let url: URL

    public init(_ label: String = "rehearse-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Runs `body` with a new folder, removed when `body` returns or throws.
    public static func with<T>(_ label: String = "rehearse-test", _ body: (URL) throws -> T) throws -> T {
        let folder = try TemporaryFolder(label)
        return try withExtendedLifetime(folder) { try body(folder.url) }
    }

    /// Runs `body` with a new folder, removed when `body` returns or throws.
    public static func with<T>(_ label: String = "rehearse-test", _ body: (URL) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder(label)
        defer { withExtendedLifetime(folder) {} }
        return try await body(folder.url)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

extension Paths {
    /// A new practice home inside `folder`: `Prompts/` copied from the package, no recordings yet.
    public static func practiceHome(in folder: URL) throws -> URL {
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("Prompts"), to: home.appendingPathComponent("Prompts"))
        return home
    }

    /// Debian's Python, where `scripts/install-deps.sh` installs numpy (`python3-numpy`): a
    /// `python3` earlier on PATH (pyenv, a virtualenv) may lack it.
    public static var python3: String {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
    }

    /// This process's environment with the time zone pinned to UTC, so that session ids (local
    /// times) are the same on every machine.
    public static var utcEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        return environment
    }
}
