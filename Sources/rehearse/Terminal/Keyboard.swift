import Foundation

/// Lines typed on standard input, read on a background thread so that the interface can wait for
/// Enter with a timeout (a think-time countdown) or poll it (while recording). One reader for the
/// whole process: two would steal each other's lines.
final class Keyboard: @unchecked Sendable {
    static let shared = Keyboard()

    private let condition = NSCondition()
    private var lines: [String] = []
    private var ended = false
    private var started = false

    /// True once standard input has ended (no terminal, `< /dev/null`).
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return ended && lines.isEmpty
    }

    private func startIfNeeded() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in
            while let line = readLine(strippingNewline: true) {
                condition.lock()
                lines.append(line)
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            ended = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "rehearse.keyboard"
        thread.start()
    }

    /// A line if one was typed, without waiting.
    func poll() -> String? {
        startIfNeeded()
        condition.lock()
        defer { condition.unlock() }
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    /// Waits up to `timeout` seconds (for ever when nil) for a line; nil on timeout or end of input.
    func next(timeout: Double? = nil) -> String? {
        startIfNeeded()
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        condition.lock()
        defer { condition.unlock() }
        while lines.isEmpty && !ended {
            if let deadline {
                if !condition.wait(until: deadline) { return nil }
            } else {
                condition.wait()
            }
        }
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    /// Throws away anything typed ahead.
    func discardPending() {
        condition.lock()
        lines.removeAll()
        condition.unlock()
    }
}
