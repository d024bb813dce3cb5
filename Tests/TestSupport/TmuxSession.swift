import Foundation

/// A command running in a detached tmux session: a real terminal whose screen a test can read and
/// whose keyboard it can type on. Its tmux server listens on a socket of its own in the temporary
/// folder (tmux's default, /tmp/tmux-UID, would outlive the tests); the server ends, and the socket
/// goes, when the session is released.
public final class TmuxSession {
    public let name: String
    private let tmux: String
    private let socket: String

    /// Starts `command` (a shell command line) in a `width` × `height` terminal with `environment`
    /// added to tmux's own.
    public init(command: String, environment: [String: String], width: Int = 100, height: Int = 50) throws {
        tmux = try ChildProcess.locate("tmux")
        name = "rehearse-\(getpid())-\(UUID().uuidString.prefix(8))"
        socket = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name).tmux").path
        var arguments = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        for (key, value) in environment { arguments += ["-e", "\(key)=\(value)"] }
        let started = try run(arguments + [command])
        guard started.status == 0 else { throw FixtureError("tmux failed: \(started.standardError)") }
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// The screen and up to 200 lines of scrollback.
    public func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", name, "-S", "-200"]).standardOutput
    }

    /// Types `keys` (tmux key names such as "Enter", or text).
    public func press(_ keys: String...) throws {
        try run(["send-keys", "-t", name] + keys)
    }

    /// Runs a tmux command against this session's own server.
    @discardableResult
    private func run(_ arguments: [String]) throws -> ProcessResult {
        try ChildProcess.run(tmux, ["-S", socket] + arguments)
    }

    /// Waits until `text` appears on the screen at least `count` times; false after `timeout` seconds.
    public func waitFor(_ text: String, count: Int = 1, timeout: Double = 15) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try screen().components(separatedBy: text).count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }
}
