import Foundation

/// The outcome of running a program to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// A program started in the background, with its output captured to files.
public final class ChildProcess: @unchecked Sendable {
    public let process = Process()
    private let outputURL: URL
    private let errorURL: URL

    /// Starts `executable` with `arguments`; standard input is /dev/null unless `input` is given.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: FileHandle? = nil) throws {
        let folder = try Paths.temporaryFolder("rehearse-proc")
        outputURL = folder.appendingPathComponent("stdout")
        errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : try Self.locate(executable))
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = input ?? FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the program to end and returns what it printed.
    public func finish() -> ProcessResult {
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        )
    }

    /// Runs a program to completion.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
        try ChildProcess(executable, arguments, environment: environment).finish()
    }

    /// Finds a program on PATH.
    public static func locate(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw FixtureError("'\(name)' is not installed (scripts/install-deps.sh installs it)")
    }
}

/// A test fixture could not be made.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
