import Analysis
import AudioIO
import Dispatch
import Foundation

/// Analyses audio files: streams each through `SpeechAnalyzer` in fixed-size chunks, so memory
/// stays constant however long the file.
public enum RecordingAnalysis {
    /// Frames read per chunk.
    static let chunkFrames = 65_536

    /// Analyses one file.
    /// - Parameter externalDecoding: whether formats libsndfile does not read go through FFmpeg
    ///   (see `AudioFileReader.open(anyFormat:)`); the fuzzer turns it off.
    /// - Throws: `SoundFileError` for a missing, unreadable, empty or non-audio file.
    public static func analyze(
        file path: String, settings: AnalysisSettings = AnalysisSettings(), externalDecoding: Bool = true
    ) throws(SoundFileError) -> AnswerAnalysis {
        let reader = try externalDecoding ? AudioFileReader.open(anyFormat: path) : AudioFileReader(path: path)
        guard reader.frameCount > 0 else {
            throw SoundFileError(.empty, path: path, reason: "the file holds no audio")
        }
        guard reader.sampleRate >= 8_000 else {
            throw SoundFileError(
                .unrecognisedFormat, path: path,
                reason: "sample rate \(reader.sampleRate) Hz is too low for speech analysis (8000 Hz or more)")
        }
        var analyzer = SpeechAnalyzer(sampleRate: reader.sampleRate, settings: settings)
        try reader.forEachMonoChunk(chunkFrames: chunkFrames) { analyzer.process($0) }
        return analyzer.finish()
    }

    /// Analyses several files in parallel across the machine's cores, keeping their order.
    /// - Parameter progress: called (from any thread, one call at a time) with the count done so far.
    public static func analyzeAll(
        _ paths: [String],
        settings: AnalysisSettings = AnalysisSettings(),
        progress: @Sendable (Int) -> Void = { _ in }
    ) -> [Result<AnswerAnalysis, SoundFileError>] {
        let results = ResultSlots(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { () throws(SoundFileError) in try analyze(file: paths[index], settings: settings) }
            results.store(result, at: index, then: progress)
        }
        return results.values
    }

    /// Plain-language cautions about a result whose numbers may mislead.
    public static func warnings(for analysis: AnswerAnalysis) -> [String] {
        var warnings: [String] = []
        if analysis.runs.isEmpty {
            warnings.append(analysis.peakLevel < 0.001 ? "the recording is silent" : "no speech found")
        }
        if analysis.clippedFraction > 0.001 {
            warnings.append(
                String(
                    format: "%.1f %% of the samples are clipped (recorded too loud); measures may be off",
                    analysis.clippedFraction * 100))
        }
        if !analysis.runs.isEmpty { warnings += analysis.reliability.cautions }
        if analysis.peakLevel > 0 && analysis.peakLevel < 0.01 {
            warnings.append("too quiet: move closer to the microphone or raise its level")
        }
        return warnings
    }
}

/// Result storage filled from several threads.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<AnswerAnalysis, SoundFileError>?]
    private var done = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores a result, then reports how many are stored (under the lock, so reports never overlap).
    func store(_ result: Result<AnswerAnalysis, SoundFileError>, at index: Int, then report: (Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
        done += 1
        report(done)
    }

    var values: [Result<AnswerAnalysis, SoundFileError>] { slots.map { $0! } }
}
