import AudioIO
import Foundation
import Sessions

/// A stand-in microphone for practice-flow tests: each take "records" the next fixture file of its
/// script (copied sample for sample into the take's file) in milliseconds. A script entry of nil
/// fails the way a microphone that is not there fails.
public final class ScriptedRecorder: AnswerRecorder, @unchecked Sendable {
    private var script: [URL?]
    /// With a value, recording fails after writing this many frames (a disk that fills up).
    public var failAfterFrames: Int?
    /// The answer limits asked for, in order.
    public private(set) var limits: [Double] = []

    public init(_ script: [URL?]) { self.script = script }

    public func record(to path: String, limit: Double) throws -> RecordingSummary {
        limits.append(limit)
        guard !script.isEmpty, let source = script.removeFirst() else {
            throw AudioDeviceError(.noInputDevice, reason: "no audio input device found")
        }
        let reader = try AudioFileReader(path: source.path)
        let sampleRate = reader.sampleRate
        var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: sampleRate)
        var frames = 0
        try reader.forEachMonoChunk(chunkFrames: 4_096) { chunk throws(SoundFileError) in
            if let failAfterFrames, frames + chunk.count > failAfterFrames {
                try writer.write(UnsafeBufferPointer(rebasing: chunk[..<max(0, failAfterFrames - frames)]))
                frames = failAfterFrames
                throw SoundFileError(.diskFull, path: path, reason: "no space left on device")
            }
            try writer.write(chunk)
            frames += chunk.count
        }
        try writer.close()
        return RecordingSummary(
            path: path, device: "scripted", sampleRate: sampleRate, frames: frames, droppedFrames: 0,
            deviceOverflows: 0)
    }
}
