/// How far an answer's measures can be trusted, judged from the recording itself.
///
/// Two things make pauses hide: a room loud compared with the speaker, and other people talking.
/// Both are estimated in the same pass as the measures.
public struct Reliability: Sendable, Equatable, Codable {
    /// The speaker's loud end over the room's quiet level, in dB: the 95th over the 10th
    /// percentile of the speech-band level of every frame that is not digital silence. Nil when
    /// the recording holds no room sound at all (digital silence between the words).
    public var signalToNoise: Double?
    /// Whether the quiet part of the recording sounds like speech loud enough to pass for the
    /// speaker's (other voices in the room, up to about 30 dB below the speaker).
    public var backgroundSpeech: Bool

    public init(signalToNoise: Double?, backgroundSpeech: Bool) {
        self.signalToNoise = signalToNoise
        self.backgroundSpeech = backgroundSpeech
    }

    /// Below this signal-to-noise ratio, in dB, short pauses start to vanish into the noise.
    public static let noisyBelow = 15.0

    /// Plain-language cautions, empty when the recording is fit to measure.
    public var cautions: [String] {
        var cautions: [String] = []
        if backgroundSpeech { cautions.append("other voices in the background: pauses may be under-counted") }
        if let signalToNoise, signalToNoise < Self.noisyBelow {
            cautions.append(
                "very noisy (speech \(Int(signalToNoise.rounded())) dB above the room): pauses may be under-counted")
        }
        return cautions
    }

    /// Whether the measures can be compared with other answers' without a caution.
    public var isTrustworthy: Bool { cautions.isEmpty }
}

/// Learns, frame by frame, what `Reliability` reports.
struct RoomEstimate {
    private var levels = IntensityHistogram()
    private var speechLikeLevels = IntensityHistogram()
    private var digitalSilence = 0
    private var frames = 0
    /// Frames scoring above this look like speech, whoever speaks.
    static let speechLikeScore: Float = 4
    /// Quiet frames that look like speech this often mean other voices.
    static let backgroundSpeechShare = 0.2

    /// Learns from one frame; `score` is its speech score once frames too quiet to be the speaker
    /// have been set to 0.
    mutating func learn(_ features: FrameFeatures, score: Float) {
        frames += 1
        if features.isDigitalSilence {
            digitalSilence += 1
            return
        }
        levels.add(features.level)
        if score > Self.speechLikeScore { speechLikeLevels.add(features.level) }
    }

    /// The estimate once the audio has ended.
    var reliability: Reliability {
        // Digital silence in a tenth of the recording: no room to judge (a generated or edited file).
        guard frames > 0, levels.count() > 0, Double(digitalSilence) < 0.1 * Double(frames) else {
            return Reliability(signalToNoise: nil, backgroundSpeech: false)
        }
        let quiet = levels.percentile(0.1)
        let quietFrames = levels.count(below: quiet + 3)
        let speechLike = speechLikeLevels.count(below: quiet + 3)
        return Reliability(
            signalToNoise: Double(levels.percentile(0.95) - quiet),
            backgroundSpeech: Double(speechLike) > Self.backgroundSpeechShare * Double(max(1, quietFrames)))
    }
}
