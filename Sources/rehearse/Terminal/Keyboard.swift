import Foundation
import Synchronization

/// Lines typed on standard input, read on a background thread so that the interface can wait for
/// Enter with a timeout (a think-time countdown) or poll it (while recording). One reader for the
/// whole process: two would steal each other's lines.
final class Keyboard: Sendable {
    static let shared = Keyboard()

    private struct State {
        var lines: [String] = []
        var ended = false
        var started = false
    }

    private let state = Mutex(State())

    /// True once standard input has ended (no terminal, `< /dev/null`) and every line was taken.
    var isClosed: Bool { state.withLock { $0.ended && $0.lines.isEmpty } }

    private func startIfNeeded() {
        let start = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        guard start else { return }
        let thread = Thread { [self] in
            while let line = readLine(strippingNewline: true) {
                state.withLock { $0.lines.append(line) }
            }
            state.withLock { $0.ended = true }
        }
        thread.name = "rehearse.keyboard"
        thread.start()
    }

    /// A line if one was typed, without waiting.
    func poll() -> String? {
        startIfNeeded()
        return state.withLock { $0.lines.isEmpty ? nil : $0.lines.removeFirst() }
    }

    /// Waits up to `timeout` seconds (for ever when nil) for a line; nil on timeout or end of input.
    func next(timeout: Double? = nil) -> String? {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            if let line = poll() { return line }
            if isClosed { return nil }
            if let deadline, Date() >= deadline { return nil }
            // Typing is slow; a 20 ms poll is invisible to a person and costs nothing.
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Throws away anything typed ahead.
    func discardPending() {
        state.withLock { $0.lines.removeAll() }
    }
}
