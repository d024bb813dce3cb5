import Analysis
import AudioIO
import Foundation

/// Bringing recordings made elsewhere into the store, and keeping store and files consistent.
public enum Maintenance {
    /// Takes whose audio file is gone, relative paths.
    public static func takesWithoutAudio(home: PracticeHome, store: SessionStore) throws -> [String] {
        try store.recordedFiles().filter { !FileManager.default.fileExists(atPath: home.url(of: $0).path) }.sorted()
    }

    /// Imports an answer recorded elsewhere (a phone, another program) as a take of `prompt`.
    ///
    /// The audio is converted to 16-bit mono WAV under `Recordings/<session>/`, so every take is
    /// read the same way later; the original is left where it is.
    /// - Parameters:
    ///   - session: an existing session to add to; nil makes a new one dated `date`.
    ///   - date: when it was recorded (puts it in the right place in trends); default the file's date.
    /// - Returns: the session and the stored take.
    public static func importRecording(
        _ path: String, prompt: Prompt, into session: String?, recordedAt date: Date?, home: PracticeHome, store: SessionStore
    ) throws -> (session: String, take: Take) {
        let reader = try AudioFileReader(path: path)
        guard reader.frameCount > 0 else { throw SoundFileError(.empty, path: path, reason: "the file holds no audio") }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        let recordedAt = date ?? modified
        let sessionId = session ?? SessionID.make(at: recordedAt)
        if try store.session(sessionId) == nil {
            guard session == nil else { throw StoreError("no session '\(sessionId)' (see 'rehearse sessions')") }
            _ = try store.startSession(id: sessionId, at: recordedAt, deck: nil)
        }
        let answer = try store.ask(prompt, in: sessionId)
        let file = TakeFile(session: sessionId, position: answer.position, promptId: prompt.id, take: 1)
        let destination = home.url(of: file.relativePath)
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let writer = try AudioFileWriter(path: destination.path, format: .wav, sampleRate: reader.sampleRate)
        var chunk = [Float](repeating: 0, count: 65_536)
        while true {
            let frames = try chunk.withUnsafeMutableBufferPointer { buffer throws(SoundFileError) in try reader.readMono(into: buffer) }
            if frames == 0 { break }
            try chunk.withUnsafeBufferPointer { buffer throws(SoundFileError) in try writer.write(UnsafeBufferPointer(rebasing: buffer[..<frames])) }
        }
        try writer.close()
        let analysis = Result<AnswerAnalysis, any Error> { try RecordingAnalysis.analyze(file: destination.path) }
        let take = try store.addTake(to: answer.id!, number: 1, file: file.relativePath, recordedAt: recordedAt,
                                     sampleRate: reader.sampleRate, droppedFrames: 0, duration: reader.duration, analysis: analysis)
        return (sessionId, take)
    }
}
