/// A filled pause ("uh", "um", "er", "erm") in an answer: sound, but not fluent speech.
public struct FilledPause: Sendable, Equatable, Codable {
    public var span: TimeSpan
    /// How clearly it was a held vowel, 0…1: 1 for a perfectly steady one, 0 at the threshold.
    public var confidence: Double

    public init(span: TimeSpan, confidence: Double) {
        self.span = span
        self.confidence = confidence
    }
}
