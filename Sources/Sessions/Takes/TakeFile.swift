import Foundation

/// How a take's audio file is named, so that a file left behind by a crash can be matched to its
/// session, prompt and take: `Recordings/<session>/<position>-<prompt id>-take<n>.<ext>`.
public struct TakeFile: Equatable, Sendable {
    public var session: String
    public var position: Int
    public var promptId: String
    public var take: Int
    public var fileExtension: String

    public init(session: String, position: Int, promptId: String, take: Int, fileExtension: String = "wav") {
        self.session = session
        self.position = position
        self.promptId = promptId
        self.take = take
        self.fileExtension = fileExtension
    }

    /// The path relative to the home folder.
    public var relativePath: String {
        "Recordings/\(session)/\(String(format: "%02d", position))-\(promptId)-take\(take).\(fileExtension)"
    }

    /// Reads a relative path back; nil for files rehearse did not name.
    public init?(relativePath: String) {
        let parts = relativePath.split(separator: "/")
        guard parts.count == 3, parts[0] == "Recordings", SessionID.date(from: String(parts[1])) != nil else {
            return nil
        }
        let name = parts[2]
        guard let dot = name.lastIndex(of: "."), let takeMarker = name.range(of: "-take", options: .backwards) else {
            return nil
        }
        let stem = name[..<takeMarker.lowerBound]
        guard let dash = stem.firstIndex(of: "-"), let position = Int(stem[..<dash]),
            let take = Int(name[takeMarker.upperBound..<dot])
        else { return nil }
        self.init(
            session: String(parts[1]), position: position, promptId: String(stem[stem.index(after: dash)...]),
            take: take, fileExtension: String(name[name.index(after: dot)...]))
    }
}

/// Session ids are the local start time, `yyyyMMdd-HHmmss`: sortable, and readable in a file
/// browser. A second session started in the same second (another process) gets `-2`, `-3`, …
public enum SessionID {
    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter
    }()
    private static let lock = NSLock()

    public static func make(at date: Date) -> String { lock.withLock { formatter.string(from: date) } }

    /// The start time an id names; nil for names that are not session ids.
    public static func date(from id: String) -> Date? {
        var stamp = Substring(id)
        if id.count > 15, let dash = id.lastIndex(of: "-"), id.distance(from: id.startIndex, to: dash) == 15 {
            guard let suffix = Int(id[id.index(after: dash)...]), suffix >= 2,
                String(suffix) == id[id.index(after: dash)...]
            else { return nil }
            stamp = id[..<dash]
        }
        guard stamp.count == 15 else { return nil }
        return lock.withLock { formatter.date(from: String(stamp)) }
    }

    /// Claims a new session folder under `recordings` for a session starting at `date`: creating the
    /// folder is atomic, so two processes starting in the same second get different ids.
    /// - Parameter taken: ids already in use elsewhere (in the database).
    public static func claim(at date: Date, in recordings: URL, taken: (String) throws -> Bool) throws -> String {
        let base = make(at: date)
        for attempt in 1...1_000 {
            let id = attempt == 1 ? base : "\(base)-\(attempt)"
            if try taken(id) { continue }
            if mkdir(recordings.appendingPathComponent(id).path, 0o755) == 0 { return id }
            guard errno == EEXIST else {
                throw StoreError(
                    "cannot create '\(recordings.appendingPathComponent(id).path)': \(String(cString: strerror(errno)))"
                )
            }
        }
        throw StoreError("cannot find a free session id for \(base) in '\(recordings.path)'")
    }
}
