import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The outcome of running a program to completion.
public struct ProcessResult: Sendable {
    /// The exit status, or 128 + the signal number if a signal ended it (as shells report it).
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// A program started in the background with `posix_spawn`, its output captured to files.
///
/// Foundation's `Process` starts children from a thread that blocks every signal, and the child
/// inherits that mask, so SIGINT and SIGTERM would never reach it. Tests that send signals need a
/// child with a clean mask and default handlers, which is what this gives.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Holds the captured output; removed with this object.
    private let captures: TemporaryFolder
    private let outputPath: String
    private let errorPath: String
    private var exitStatus: Int32?

    /// Starts `executable` (a path, or a name looked up on PATH) with `arguments`. Standard input is
    /// /dev/null.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        captures = try TemporaryFolder("rehearse-proc")
        outputPath = captures.url.appendingPathComponent("stdout").path
        errorPath = captures.url.appendingPathComponent("stderr").path
        let program = executable.contains("/") ? executable : try Self.locate(executable)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw FixtureError("cannot start \(program): \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    /// True until the program has exited (and been reaped by `finish` or this check).
    public var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exitStatus = Self.decode(status)
            return false
        }
        return true
    }

    public func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the program to end and returns what it printed.
    public func finish() -> ProcessResult {
        if exitStatus == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            exitStatus = Self.decode(status)
        }
        return ProcessResult(
            status: exitStatus ?? -1,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
    }

    /// Runs a program to completion.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) throws -> ProcessResult {
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

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

/// A test fixture could not be made.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
