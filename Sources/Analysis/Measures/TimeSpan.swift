/// A stretch of a recording, in seconds from its start.
public struct TimeSpan: Sendable, Equatable, Codable, Hashable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    /// Seconds.
    public var duration: Double { end - start }

    /// The shortest span that holds both this one and `other`.
    func covering(_ other: TimeSpan) -> TimeSpan {
        TimeSpan(start: min(start, other.start), end: max(end, other.end))
    }

    /// Intersection over union with `other`: 1 for identical spans, 0 for disjoint ones.
    public func overlapRatio(with other: TimeSpan) -> Double {
        let intersection = max(0, min(end, other.end) - max(start, other.start))
        let union = max(end, other.end) - min(start, other.start)
        return union > 0 ? intersection / union : 0
    }
}
