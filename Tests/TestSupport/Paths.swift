import Foundation

/// Where the package and its built products are, for tests that run scripts or the CLI.
public enum Paths {
    /// The package's root folder.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The `rehearse` executable built alongside the tests.
    public static var rehearseExecutable: URL {
        let runnerFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [runnerFolder, runnerFolder.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("rehearse")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/rehearse")
    }

    /// A new empty folder under the system's temporary folder.
    public static func temporaryFolder(_ label: String = "rehearse-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Paths {
    /// A new practice home inside `folder`: `Prompts/` copied from the package, no recordings yet.
    public static func practiceHome(in folder: URL) throws -> URL {
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Prompts"), to: home.appendingPathComponent("Prompts"))
        return home
    }

    /// This process's environment with the time zone pinned to UTC, so that session ids (local
    /// times) are the same on every machine.
    public static var utcEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        return environment
    }
}
