import Foundation
import Testing

@testable import AudioIO

@Suite struct SampleRingBufferTests {
    @Test func capacityRoundsUpToAPowerOfTwo() {
        #expect(SampleRingBuffer(minimumCapacity: 1000).capacity == 1024)
        #expect(SampleRingBuffer(minimumCapacity: 1024).capacity == 1024)
        #expect(SampleRingBuffer(minimumCapacity: 1).capacity == 2)
    }

    @Test func readsBackWhatWasWrittenInOrder() {
        let ring = SampleRingBuffer(minimumCapacity: 8)
        let input: [Int16] = [1, 2, 3, 4, 5]
        #expect(input.withUnsafeBufferPointer { ring.write($0) } == 5)
        #expect(ring.count == 5)
        var output = [Int16](repeating: 0, count: 3)
        #expect(output.withUnsafeMutableBufferPointer { ring.read(into: $0) } == 3)
        #expect(output == [1, 2, 3])
        #expect(output.withUnsafeMutableBufferPointer { ring.read(into: $0) } == 2)
        #expect(output[..<2] == [4, 5])
        #expect(output.withUnsafeMutableBufferPointer { ring.read(into: $0) } == 0)
    }

    @Test func wrapsAroundTheEndOfItsStorage() {
        let ring = SampleRingBuffer(minimumCapacity: 8)
        var output = [Int16](repeating: 0, count: 8)
        var next: Int16 = 0
        var expected: Int16 = 0
        // Writes of 5 and reads of 5 on a ring of 8 cross the end on most rounds.
        for _ in 0..<20 {
            let block = (0..<5).map { _ in
                next &+= 1; return next
            }
            #expect(block.withUnsafeBufferPointer { ring.write($0) } == 5)
            let read = output.withUnsafeMutableBufferPointer {
                ring.read(into: UnsafeMutableBufferPointer(rebasing: $0[..<5]))
            }
            #expect(read == 5)
            for value in output[..<5] {
                expected &+= 1
                #expect(value == expected)
            }
        }
        #expect(ring.droppedSamples == 0)
    }

    @Test func aFullRingDropsAndCountsTheExcess() {
        let ring = SampleRingBuffer(minimumCapacity: 4)
        let input: [Int16] = [10, 20, 30, 40, 50, 60]
        #expect(input.withUnsafeBufferPointer { ring.write($0) } == 4)
        #expect(ring.droppedSamples == 2)
        var output = [Int16](repeating: 0, count: 6)
        #expect(output.withUnsafeMutableBufferPointer { ring.read(into: $0) } == 4)
        // The oldest samples survive; the ones that did not fit are the ones lost.
        #expect(output[..<4] == [10, 20, 30, 40])
    }

    /// One producer and one consumer on different threads, as in recording: every sample must
    /// arrive exactly once and in order, whatever the interleaving.
    @Test func concurrentProducerAndConsumerDeliverEverySampleInOrder() async {
        let ring = SampleRingBuffer(minimumCapacity: 1024)
        let total = 2_000_000
        let producer = Task.detached {
            var block = [Int16](repeating: 0, count: 97)
            var sent = 0
            while sent < total {
                let size = min(block.count, total - sent)
                for index in 0..<size { block[index] = Int16(truncatingIfNeeded: sent + index) }
                var offset = 0
                while offset < size {
                    // Write only what fits so nothing is dropped; spin when full.
                    let room = ring.capacity - ring.count
                    if room == 0 { await Task.yield(); continue }
                    let chunk = min(room, size - offset)
                    let stored = block.withUnsafeBufferPointer {
                        ring.write(UnsafeBufferPointer(rebasing: $0[offset..<(offset + chunk)]))
                    }
                    offset += stored
                }
                sent += size
            }
        }
        let consumer = Task.detached { () -> (received: Int, outOfOrder: Int) in
            var buffer = [Int16](repeating: 0, count: 61)
            var received = 0
            var outOfOrder = 0
            while received < total {
                let count = buffer.withUnsafeMutableBufferPointer { ring.read(into: $0) }
                if count == 0 { await Task.yield(); continue }
                for value in buffer[..<count] {
                    if value != Int16(truncatingIfNeeded: received) { outOfOrder += 1 }
                    received += 1
                }
            }
            return (received, outOfOrder)
        }
        await producer.value
        let result = await consumer.value
        #expect(result.received == total)
        #expect(result.outOfOrder == 0)
        #expect(ring.droppedSamples == 0)
        #expect(ring.count == 0)
    }
}
