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
        guard parts.count == 3, parts[0] == "Recordings", SessionID.date(from: String(parts[1])) != nil else { return nil }
        let name = parts[2]
        guard let dot = name.lastIndex(of: "."), let takeMarker = name.range(of: "-take", options: .backwards) else { return nil }
        let stem = name[..<takeMarker.lowerBound]
        guard let dash = stem.firstIndex(of: "-"), let position = Int(stem[..<dash]),
            let take = Int(name[takeMarker.upperBound..<dot])
        else { return nil }
        self.init(session: String(parts[1]), position: position, promptId: String(stem[stem.index(after: dash)...]),
                  take: take, fileExtension: String(name[name.index(after: dot)...]))
    }
}

/// Session ids are the local start time, `yyyyMMdd-HHmmss`: sortable, and readable in a file browser.
public enum SessionID {
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter
    }

    public static func make(at date: Date) -> String { formatter().string(from: date) }

    public static func date(from id: String) -> Date? { formatter().date(from: id) }
}
