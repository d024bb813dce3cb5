import Analysis
import AudioIO
import Foundation

/// Bringing recordings made elsewhere (a phone, another program) into the store.
public enum TakeImport {
    /// Imports an answer recorded elsewhere as a take of `prompt`.
    ///
    /// The audio is converted to 16-bit mono WAV under `Recordings/<session>/`, so every take is
    /// read the same way later; the original is left where it is. A failure (unreadable audio, a
    /// full disk) leaves nothing behind: no partial file, no answer without a take, no empty session.
    /// - Parameters:
    ///   - session: an existing session to add to; nil makes a new one dated `date`.
    ///   - allowingDuplicate: import even when the same file was imported before.
    ///   - settings: how to analyse it (whether filled pauses are looked for).
    ///   - date: when it was recorded (puts it in the right place in trends); default the session's
    ///     start when adding to one, else the file's date.
    /// - Returns: the session and the stored take.
    public static func importRecording(
        _ path: String, prompt: Prompt, into session: String?, recordedAt date: Date?, home: PracticeHome,
        store: SessionStore, allowingDuplicate: Bool = false, settings: AnalysisSettings = AnalysisSettings()
    ) throws -> (session: String, take: FiledTake) {
        let reader = try AudioFileReader.open(anyFormat: path)
        guard reader.frameCount > 0 else { throw SoundFileError(.empty, path: path, reason: "the file holds no audio") }
        let fingerprint = try Fingerprint.of(file: path)
        if !allowingDuplicate, let earlier = try store.importedTake(fingerprint: fingerprint) {
            throw StoreError(
                "'\(path)' was imported before (answer \(earlier.position) of session \(earlier.session)); add --again to import it anyway"
            )
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        // Added to an existing session, an answer belongs to that session's day, not the file's.
        let existing = try session.flatMap { try store.session($0) }
        let recordedAt = date ?? existing?.startedAt ?? modified
        let sessionId = session ?? SessionID.make(at: recordedAt)
        let createdSession = try store.session(sessionId) == nil
        if createdSession {
            guard session == nil else { throw StoreError("no session '\(sessionId)' (see 'rehearse sessions')") }
            _ = try store.startSession(id: sessionId, at: recordedAt, deck: nil)
        }
        let answer = try store.ask(prompt, in: sessionId)
        let file = TakeFile(session: sessionId, position: answer.position, promptId: prompt.id, take: 1)
        let destination = home.url(of: file.relativePath)
        var wroteFile = false
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            let lock = try TakeLock(creating: destination.path)
            wroteFile = true
            var writer = try AudioFileWriter(path: destination.path, format: .wav, sampleRate: reader.sampleRate)
            try reader.forEachMonoChunk { chunk throws(SoundFileError) in try writer.write(chunk) }
            try writer.close()
            let filed = try store.file(
                RecordedTake(file: file, recordedAt: recordedAt, sourceFingerprint: fingerprint), answer: answer.id!,
                home: home, settings: settings)
            lock.release()
            return (sessionId, filed)
        } catch {
            if wroteFile { try? FileManager.default.removeItem(at: destination) }
            try? store.deleteAnswer(answer.id!, andEmptySession: createdSession)
            if createdSession { rmdir(home.recordings.appendingPathComponent(sessionId).path) }
            throw error
        }
    }
}
