import Foundation

/// Removing a session: its rows, its take files, and its folder once nothing else is in it.
public enum SessionFolder {
    /// Seconds a take's lock may stay held before the take counts as still being recorded: a
    /// program being started holds a copy of the lock for a moment (`TakeLock(existing:waitingUpTo:)`).
    static let momentaryHold = 0.5

    /// Deletes `session` from the store and its take files from disk. Files in the folder that are
    /// not takes of this session are left where they are.
    /// - Returns: the files left in the folder, relative to the home.
    /// - Throws: `StoreError` when a take of the session is still being recorded (another process
    ///   holds its lock): nothing is deleted then.
    public static func delete(_ session: String, home: PracticeHome, store: SessionStore) throws -> [String] {
        let folder = home.recordings.appendingPathComponent(session)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        let takes = names.filter { TakeFile(relativePath: "Recordings/\(session)/\($0)")?.session == session }
        for name in takes
        where TakeLock(existing: folder.appendingPathComponent(name).path, waitingUpTo: Self.momentaryHold) == nil {
            throw StoreError("session \(session) is still being recorded (\(name)); try again when it has finished")
        }
        try store.deleteSession(session)
        for name in takes {
            let path = folder.appendingPathComponent(name).path
            // Each file is removed while holding its lock, so no writer can be at work on it.
            guard let lock = TakeLock(existing: path, waitingUpTo: Self.momentaryHold) else { continue }
            unlink(path)
            lock.release()
        }
        rmdir(folder.path)
        return names.filter { !takes.contains($0) }.map { "Recordings/\(session)/\($0)" }
    }
}
