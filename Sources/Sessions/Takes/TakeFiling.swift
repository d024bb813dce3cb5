import Analysis
import AudioIO
import Foundation
import FileAnalysis

/// A finished recording on disk, named as a take, about to be stored.
public struct RecordedTake: Sendable {
    public var file: TakeFile
    public var recordedAt: Date
    /// Frames the recorder lost (0 for imported or recovered audio).
    public var droppedFrames: Int
    /// For imported audio, the fingerprint of the original file.
    public var sourceFingerprint: String?

    public init(file: TakeFile, recordedAt: Date, droppedFrames: Int = 0, sourceFingerprint: String? = nil) {
        self.file = file
        self.recordedAt = recordedAt
        self.droppedFrames = droppedFrames
        self.sourceFingerprint = sourceFingerprint
    }
}

/// A stored take and the plain-language cautions about its numbers (clipping, silence).
public struct FiledTake: Sendable {
    public var take: Take
    public var warnings: [String]
}

extension SessionStore {
    /// The one way audio becomes a take, for practice, import and recovery alike: reads the file,
    /// analyses it, and stores the take, its measures and its segments in one transaction. Audio that
    /// opens but cannot be analysed is stored as a take with its `analysisError`, so nothing recorded
    /// is dropped.
    /// - Throws: `SoundFileError` when the file cannot be opened as audio at all; `StoreError` or a
    ///   database error when it cannot be stored.
    public func file(
        _ recorded: RecordedTake, answer: Int64, home: PracticeHome,
        settings: AnalysisSettings = AnalysisSettings()
    ) throws -> FiledTake {
        let path = home.url(of: recorded.file.relativePath).path
        let reader = try AudioFileReader(path: path)
        let sampleRate = reader.sampleRate, duration = reader.duration
        reader.close()
        let analysis = Result { () throws(SoundFileError) in
            try RecordingAnalysis.analyze(file: path, settings: settings)
        }
        let take = try addTake(
            to: answer, number: recorded.file.take, file: recorded.file.relativePath, recordedAt: recorded.recordedAt,
            sampleRate: sampleRate, droppedFrames: recorded.droppedFrames, duration: duration,
            analysis: analysis.mapError { $0 as any Error }, sourceFingerprint: recorded.sourceFingerprint)
        var warnings = (try? analysis.get()).map(RecordingAnalysis.warnings(for:)) ?? []
        if recorded.droppedFrames > 0 { warnings.append("\(recorded.droppedFrames) frames were lost while recording") }
        return FiledTake(take: take, warnings: warnings)
    }
}
