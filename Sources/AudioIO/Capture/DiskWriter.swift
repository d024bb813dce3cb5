import Foundation
import Synchronization

/// Owns the memory `captureCallback` writes into (PortAudio's `userData`), so that it is freed
/// exactly once, after the stream that used it.
struct CaptureBox: ~Copyable {
    let state: UnsafeMutablePointer<CaptureState>

    init(ringCapacity: Int) {
        state = .allocate(capacity: 1)
        state.initialize(to: CaptureState(ringCapacity: ringCapacity))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }
}

/// Drains the capture ring into the file on its own thread. The thread owns the file from its
/// first write to its close; `outcome` is read after it has finished.
final class DiskWriter: @unchecked Sendable {
    /// The file, until the writer thread (or `closeUnstarted`) takes it.
    private var pending: AudioFileWriter?
    private let capture: UnsafeMutablePointer<CaptureState>
    private let maximumFrames: Int?
    private let syncEvery: Int
    private let listener: (@Sendable (UnsafeBufferPointer<Int16>) -> Void)?
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<(frames: Int, failure: SoundFileError?)>((0, nil))

    init(
        file: consuming AudioFileWriter, capture: UnsafeMutablePointer<CaptureState>, maximumFrames: Int?,
        syncEvery: Int, listener: (@Sendable (UnsafeBufferPointer<Int16>) -> Void)? = nil
    ) {
        self.listener = listener
        pending = .some(file)
        self.capture = capture
        self.maximumFrames = maximumFrames
        self.syncEvery = syncEvery
    }

    var isFinished: Bool { finished.load(ordering: .acquiring) }
    /// Why writing stopped early, if it did (readable while recording).
    var failure: SoundFileError? { result.withLock { $0.failure } }
    /// Frames in the finished file and the first failure; final once the writer is done.
    var outcome: (frames: Int, failure: SoundFileError?) { result.withLock { $0 } }

    func finish() { stopRequested.store(true, ordering: .releasing) }
    func waitUntilDone() { done.wait() }

    /// Closes the file when the writer thread never started.
    func closeUnstarted() {
        guard let file = pending.take() else { return }
        close(file)
    }

    private func close(_ file: consuming AudioFileWriter) {
        let frames = file.framesWritten
        var closeFailure: SoundFileError?
        do { try file.close() } catch { closeFailure = error }
        result.withLock { $0 = (frames, $0.failure ?? closeFailure) }
    }

    func run() {
        defer {
            finished.store(true, ordering: .releasing)
            done.signal()
        }
        guard var file = pending.take() else { return }
        var chunk = [Int16](repeating: 0, count: 8_192)
        var sinceSync = 0
        while true {
            let stopping = stopRequested.load(ordering: .acquiring)
            let count = chunk.withUnsafeMutableBufferPointer { capture.pointee.ring.read(into: $0) }
            if count == 0 {
                if stopping { break }
                Thread.sleep(forTimeInterval: 0.02)
                continue
            }
            let wanted = maximumFrames.map { min(count, $0 - file.framesWritten) } ?? count
            do {
                try chunk.withUnsafeBufferPointer { buffer throws(SoundFileError) in
                    try file.write(UnsafeBufferPointer(rebasing: buffer[..<wanted]))
                }
            } catch {
                result.withLock { $0.failure = error }
                break
            }
            if let listener {
                chunk.withUnsafeBufferPointer { listener(UnsafeBufferPointer(rebasing: $0[..<wanted])) }
            }
            sinceSync += wanted
            if sinceSync >= syncEvery {
                file.syncInBackground()
                sinceSync = 0
            }
            if let maximumFrames, file.framesWritten >= maximumFrames {
                finished.store(true, ordering: .releasing)
                // Keep draining so the callback never sees a full ring, but write nothing more.
                while !stopRequested.load(ordering: .acquiring) {
                    _ = chunk.withUnsafeMutableBufferPointer { capture.pointee.ring.read(into: $0) }
                    Thread.sleep(forTimeInterval: 0.02)
                }
                break
            }
        }
        close(file)
    }
}
