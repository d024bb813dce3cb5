import Synchronization

/// The lock-free state of a single-producer, single-consumer ring of 16-bit samples.
///
/// Positions only ever grow; the slot of a position is `position & mask`. The producer owns
/// `writePosition` and publishes it with release ordering after copying samples in; the consumer
/// owns `readPosition` and publishes it with release ordering after copying samples out; each side
/// loads the other's position with acquire ordering. Nothing here allocates, locks or calls into the
/// Swift runtime, so `write` is safe inside a real-time audio callback.
struct RingState: ~Copyable {
    let slots: UnsafeMutablePointer<Int16>
    let capacity: Int
    let mask: Int
    let writePosition = Atomic<Int>(0)
    let readPosition = Atomic<Int>(0)
    /// Samples that did not fit because the consumer fell behind.
    let droppedSamples = Atomic<Int>(0)

    init(minimumCapacity: Int) {
        var capacity = 1
        while capacity < max(2, minimumCapacity) { capacity <<= 1 }
        self.capacity = capacity
        self.mask = capacity - 1
        self.slots = .allocate(capacity: capacity)
        self.slots.initialize(repeating: 0, count: capacity)
    }

    deinit {
        slots.deallocate()
    }

    /// Producer only. Copies as many samples as fit and counts the rest as dropped.
    /// - Returns: samples stored.
    @discardableResult
    func write(_ samples: UnsafeBufferPointer<Int16>) -> Int {
        guard let source = samples.baseAddress else { return 0 }
        let write = writePosition.load(ordering: .relaxed)
        let read = readPosition.load(ordering: .acquiring)
        let count = min(samples.count, capacity - (write - read))
        if count > 0 {
            let start = write & mask
            let first = min(count, capacity - start)
            (slots + start).update(from: source, count: first)
            if count > first { slots.update(from: source + first, count: count - first) }
            writePosition.store(write + count, ordering: .releasing)
        }
        if count < samples.count {
            droppedSamples.add(samples.count - count, ordering: .relaxed)
        }
        return count
    }

    /// Consumer only. Moves up to `destination.count` samples out, oldest first.
    /// - Returns: samples copied.
    func read(into destination: UnsafeMutableBufferPointer<Int16>) -> Int {
        guard let target = destination.baseAddress else { return 0 }
        let read = readPosition.load(ordering: .relaxed)
        let write = writePosition.load(ordering: .acquiring)
        let count = min(destination.count, write - read)
        guard count > 0 else { return 0 }
        let start = read & mask
        let first = min(count, capacity - start)
        target.update(from: slots + start, count: first)
        if count > first { (target + first).update(from: slots, count: count - first) }
        readPosition.store(read + count, ordering: .releasing)
        return count
    }

    /// Samples waiting for the consumer. Exact when called by the consumer, a snapshot otherwise.
    var count: Int {
        writePosition.load(ordering: .acquiring) - readPosition.load(ordering: .acquiring)
    }
}

/// A single-producer, single-consumer lock-free ring buffer of 16-bit samples: the hand-off between
/// the audio callback and the thread that writes to disk.
///
/// Exactly one thread may call `write` and exactly one (possibly other) thread may call `read`.
/// When the ring is full, `write` stores what fits and counts the rest in `droppedSamples`.
public final class SampleRingBuffer: @unchecked Sendable {
    let state: UnsafeMutablePointer<RingState>

    /// Creates a ring holding at least `minimumCapacity` samples (rounded up to a power of two).
    public init(minimumCapacity: Int) {
        state = .allocate(capacity: 1)
        state.initialize(to: RingState(minimumCapacity: minimumCapacity))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Slots in the ring.
    public var capacity: Int { state.pointee.capacity }
    /// Samples waiting to be read.
    public var count: Int { state.pointee.count }
    /// Samples refused because the ring was full.
    public var droppedSamples: Int { state.pointee.droppedSamples.load(ordering: .relaxed) }

    /// Producer side: stores what fits, counts the rest as dropped. Returns samples stored.
    @discardableResult
    public func write(_ samples: UnsafeBufferPointer<Int16>) -> Int {
        state.pointee.write(samples)
    }

    /// Consumer side: moves up to `destination.count` samples out, oldest first. Returns samples copied.
    public func read(into destination: UnsafeMutableBufferPointer<Int16>) -> Int {
        state.pointee.read(into: destination)
    }
}
