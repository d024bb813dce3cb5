/// The choices that change what counts as a pause. Stored with every result so that trends never
/// mix results made with different settings.
public struct AnalysisSettings: Sendable, Equatable, Codable {
    /// A silence between two stretches of speech counts as a pause from this length on, in seconds.
    /// 0.25 s by default (De Jong & Bosker 2013).
    public var minimumPause: Double
    /// Bursts of "speech" shorter than this (clicks, bumps) are ignored, in seconds.
    public var minimumSpeech: Double
    /// How steady a held vowel must be to count as a filled pause: the largest change of its timbre,
    /// in dB per 20 ms (see `docs/ANALYSIS.md`). Lower finds fewer. nil turns the search off.
    public var filledPauseStability: Double?
    /// A held vowel counts as a filled pause from this length on, in seconds.
    public var minimumFilledPause: Double
    /// Hesitation, in seconds, that makes a freeze moment (`Freeze`).
    public var freezeThreshold: Double

    /// The default steadiness of a filled pause, in dB per 20 ms.
    public static let defaultFilledPauseStability = 8.0

    public init(
        minimumPause: Double = 0.25, minimumSpeech: Double = 0.05,
        filledPauseStability: Double? = AnalysisSettings.defaultFilledPauseStability, minimumFilledPause: Double = 0.25,
        freezeThreshold: Double = 2
    ) {
        self.minimumPause = minimumPause
        self.minimumSpeech = minimumSpeech
        self.filledPauseStability = filledPauseStability
        self.minimumFilledPause = minimumFilledPause
        self.freezeThreshold = freezeThreshold
    }
}
