/// The choices that change what counts as a pause. Stored with every result so that trends never
/// mix results made with different settings.
public struct AnalysisSettings: Sendable, Equatable, Codable {
    /// A silence between two stretches of speech counts as a pause from this length on, in seconds.
    /// 0.25 s by default (De Jong & Bosker 2013).
    public var minimumPause: Double
    /// Bursts of "speech" shorter than this (clicks, bumps) are ignored, in seconds.
    public var minimumSpeech: Double

    public init(minimumPause: Double = 0.25, minimumSpeech: Double = 0.05) {
        self.minimumPause = minimumPause
        self.minimumSpeech = minimumSpeech
    }
}
