import Foundation

/// WAV files written byte by byte, for inputs no encoder would make: float samples that are not
/// numbers or are huge, and headers claiming absurd rates or channel counts.
public enum WAVBytes {
    /// A 32-bit float WAV (format 3) holding `samples` interleaved over `channels`.
    public static func float32(_ samples: [Float], sampleRate: UInt32 = 16_000, channels: UInt16 = 1) -> Data {
        var payload = Data()
        for sample in samples {
            payload.append(contentsOf: withUnsafeBytes(of: sample.bitPattern.littleEndian, Array.init))
        }
        return header(
            format: 3, channels: channels, sampleRate: sampleRate, bitsPerSample: 32, dataSize: UInt32(payload.count))
            + payload
    }

    /// A 16-bit PCM WAV holding `frames` frames of silence, with whatever rate and channel count.
    public static func pcm16Silence(frames: Int, sampleRate: UInt32, channels: UInt16) -> Data {
        let payload = Data(count: frames * Int(channels) * 2)
        return header(
            format: 1, channels: channels, sampleRate: sampleRate, bitsPerSample: 16, dataSize: UInt32(payload.count))
            + payload
    }

    private static func header(
        format: UInt16, channels: UInt16, sampleRate: UInt32, bitsPerSample: UInt16, dataSize: UInt32
    ) -> Data {
        var data = Data("RIFF".utf8)
        func put<T: FixedWidthInteger>(_ value: T) {
            data.append(contentsOf: withUnsafeBytes(of: value.littleEndian, Array.init))
        }
        let blockAlign = channels &* (bitsPerSample / 8)
        put(UInt32(36) &+ dataSize)
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        put(UInt32(16))
        put(format)
        put(channels)
        put(sampleRate)
        put(sampleRate &* UInt32(blockAlign))
        put(blockAlign)
        put(bitsPerSample)
        data.append(contentsOf: Array("data".utf8))
        put(dataSize)
        return data
    }
}
