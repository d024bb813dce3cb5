import Foundation

/// A fingerprint of a file's bytes, to recognise audio imported before. FNV-1a (64 bit) over the
/// whole file, and its length: enough to tell a repeated import from a new recording, not a
/// cryptographic hash (nothing here guards against someone crafting a collision on purpose).
enum Fingerprint {
    static func of(file path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError("cannot read '\(path)' to fingerprint it")
        }
        defer { try? handle.close() }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var length = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            for byte in chunk {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            length += chunk.count
        }
        return String(format: "fnv1a64:%016llx:%d", hash, length)
    }
}
