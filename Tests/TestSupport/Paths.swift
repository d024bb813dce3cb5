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
