import Foundation
import Synchronization

/// Collects the signals that end a long-running command: Ctrl-C (SIGINT) or SIGTERM. (Enter is read
/// through `Keyboard`.)
///
/// The first signal asks the command to stop cleanly (finish the file, print a summary); a second
/// one exits at once, which still loses no audio because recordings are written as they are made.
final class StopRequest: @unchecked Sendable {
    private let requested = Atomic<Bool>(false)
    private let signalCount = Atomic<Int>(0)
    /// Kept alive for the life of the request; touched only by `watchSignals`, on the main thread.
    private var sources: [any DispatchSourceSignal] = []

    var isRequested: Bool { requested.load(ordering: .acquiring) }

    func request() { requested.store(true, ordering: .releasing) }

    /// Routes SIGINT and SIGTERM to `request()` instead of killing the process.
    func watchSignals() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                if signalCount.add(1, ordering: .relaxed).newValue > 1 { exit(130) }
                request()
            }
            source.resume()
            sources.append(source)
        }
    }
}
