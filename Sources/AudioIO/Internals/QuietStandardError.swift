#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Hides what the C libraries print on standard error while they run: ALSA's and JACK's device
/// probing, mpg123's remarks on a damaged MP3. rehearse reports every failure itself, in one line.
/// `REHEARSE_AUDIO_DEBUG=1` shows their output.
///
/// Standard error is one per process, so the redirection is counted: the first caller points it at
/// /dev/null, the last one back restores it, however threads interleave.
enum QuietStandardError {
    private static let state = Mutex<(depth: Int, saved: Int32)>((0, -1))
    private static let enabled = getenv("REHEARSE_AUDIO_DEBUG") == nil

    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        guard enabled else { return try body() }
        // No fflush(nil) here: it would wait for the stdin lock, which a thread blocked reading the
        // keyboard holds. Standard error is unbuffered anyway.
        state.withLock { state in
            if state.depth == 0 {
                state.saved = dup(STDERR_FILENO)
                let null = open("/dev/null", O_WRONLY)
                if state.saved >= 0, null >= 0 { dup2(null, STDERR_FILENO) }
                if null >= 0 { close(null) }
            }
            state.depth += 1
        }
        defer {
            state.withLock { state in
                state.depth -= 1
                if state.depth == 0, state.saved >= 0 {
                    dup2(state.saved, STDERR_FILENO)
                    close(state.saved)
                    state.saved = -1
                }
            }
        }
        return try body()
    }
}
