internal import CPortAudio
import Synchronization

/// Everything the capture callback touches, in one block of manually allocated memory whose
/// address is PortAudio's `userData`. No class references, so the callback never retains or
/// releases anything.
struct CaptureState: ~Copyable {
    let ring: RingState
    /// Frames delivered by the device, stored or dropped.
    let framesCaptured = Atomic<Int>(0)
    /// Times the device itself reported an input overflow (audio lost before it reached us).
    let deviceOverflows = Atomic<Int>(0)
    /// Peak and RMS of the latest callback block, as Float bit patterns.
    let peakBits = Atomic<UInt32>(0)
    let rmsBits = Atomic<UInt32>(0)

    init(ringCapacity: Int) {
        ring = RingState(minimumCapacity: ringCapacity)
    }

    /// Runs on the real-time thread: counts, measures and hands the samples to the ring.
    func receive(_ samples: UnsafeBufferPointer<Int16>, overflowed: Bool) {
        if overflowed { deviceOverflows.add(1, ordering: .relaxed) }
        ring.write(samples)
        framesCaptured.add(samples.count, ordering: .relaxed)
        var peak: Int32 = 0
        var sumOfSquares: Float = 0
        for sample in samples {
            let value = Int32(sample)
            let magnitude = value < 0 ? -value : value
            if magnitude > peak { peak = magnitude }
            let scaled = Float(value) / 32768
            sumOfSquares += scaled * scaled
        }
        let rms = samples.isEmpty ? 0 : (sumOfSquares / Float(samples.count)).squareRoot()
        peakBits.store((Float(peak) / 32768).bitPattern, ordering: .relaxed)
        rmsBits.store(rms.bitPattern, ordering: .relaxed)
    }
}

/// PortAudio's input callback. Real-time code: it only copies into preallocated memory and updates
/// atomics.
func captureCallback(
    input: UnsafeRawPointer?,
    output: UnsafeMutableRawPointer?,
    frameCount: UInt,
    timeInfo: UnsafePointer<PaStreamCallbackTimeInfo>?,
    statusFlags: PaStreamCallbackFlags,
    userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let userData, let input else { return Int32(paContinue.rawValue) }
    let state = userData.assumingMemoryBound(to: CaptureState.self)
    let samples = UnsafeBufferPointer(start: input.assumingMemoryBound(to: Int16.self), count: Int(frameCount))
    state.pointee.receive(samples, overflowed: statusFlags & paInputOverflow != 0)
    return Int32(paContinue.rawValue)
}
