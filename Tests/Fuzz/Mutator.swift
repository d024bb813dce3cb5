import Foundation
import RepeatableRandom

/// Deterministic mutations of seed files, in the spirit of a fuzzer's simplest strategies: flipped
/// bits, bytes set to boundary values, header fields smashed, truncations, duplicated and removed
/// blocks. The same seeds, count and seed number give the same inputs, so a crash repeats.
enum Mutator {
    /// Runs `count` mutants, round-robin over the seeds. Before each, the input is saved as
    /// `crash-candidate.<ext>` beside the first seed, so a crash leaves its reproducer there; the
    /// file is removed when every mutant has run.
    static func run(seeds paths: [String], count: Int, seed: UInt64) -> Int {
        let seeds = paths.compactMap { path in FileManager.default.contents(atPath: path).map { (path, [UInt8]($0)) } }
        guard let first = seeds.first else { return 0 }
        let candidate = ((first.0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
            "crash-candidate")
        var random = RepeatableRandomNumberGenerator(seed: seed)
        for index in 0..<count {
            let (path, original) = seeds[index % seeds.count]
            let mutant = mutate(original, using: &random)
            let fileExtension = (path as NSString).pathExtension
            _ = FileManager.default.createFile(atPath: candidate + "." + fileExtension, contents: Data(mutant))
            mutant.withUnsafeBytes { FuzzInput.run($0, extension: fileExtension) }
            try? FileManager.default.removeItem(atPath: candidate + "." + fileExtension)
        }
        return count
    }

    static func mutate(_ input: [UInt8], using random: inout RepeatableRandomNumberGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + Int(random.next() % 4)) {
            guard !bytes.isEmpty else { return bytes }
            let header = min(bytes.count, 64)
            switch random.next() % 7 {
            case 0:  // flip one bit anywhere
                let at = Int(random.next() % UInt64(bytes.count))
                bytes[at] ^= 1 << UInt8(random.next() % 8)
            case 1:  // a boundary byte in the header
                let at = Int(random.next() % UInt64(header))
                bytes[at] = [0x00, 0x01, 0x7F, 0x80, 0xFF][Int(random.next() % 5)]
            case 2:  // a 32-bit header field set to a boundary value
                let at = Int(random.next() % UInt64(max(1, header - 3)))
                let value: UInt32 = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF][Int(random.next() % 6)]
                for offset in 0..<min(4, bytes.count - at) {
                    bytes[at + offset] = UInt8(truncatingIfNeeded: value >> (8 * offset))
                }
            case 3:  // truncate
                bytes.removeLast(Int(random.next() % UInt64(bytes.count)))
            case 4:  // duplicate a block
                let start = Int(random.next() % UInt64(bytes.count))
                let length = min(bytes.count - start, 1 + Int(random.next() % 512))
                bytes.insert(contentsOf: bytes[start..<start + length], at: Int(random.next() % UInt64(bytes.count)))
            case 5:  // remove a block
                let start = Int(random.next() % UInt64(bytes.count))
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + Int(random.next() % 256)))
            default:  // random bytes over a stretch
                let start = Int(random.next() % UInt64(bytes.count))
                for at in start..<min(bytes.count, start + 1 + Int(random.next() % 32)) {
                    bytes[at] = UInt8(truncatingIfNeeded: random.next())
                }
            }
        }
        return bytes
    }
}
