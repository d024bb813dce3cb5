/// What the room sounds like around the speaker: how loud it is, and whether other people talk in it.
///
/// Every frame's speech-band level goes into a histogram as it arrives. Whether a frame looked like
/// speech loud enough to be the speaker's is learnt once the speaker is known. Other voices show
/// in the quiet part of the recording: where a steady room's quietest frames (the 10th percentile,
/// plus 3 dB) are plain noise, with a television or people talking more than a fifth of them look
/// like speech. When they do, a frame must also rise `backgroundMargin` dB above the level that 40 %
/// of all frames stay under (the speaker's pauses, filled with the other voices), though never
/// closer than `closestGate` dB to the recording's loud end.
struct RoomEstimate {
    private var levels = IntensityHistogram()
    private var speechLikeLevels = IntensityHistogram()
    private var digitalSilence = 0
    private var frames = 0
    private var learnt = 0
    /// Frames scoring above this look like speech, whoever speaks.
    static let speechLikeScore: Float = 4
    /// Quiet frames that look like speech this often mean other voices.
    static let backgroundSpeechShare = 0.2
    /// The share of frames whose level stands for the background when other voices are present.
    static let backgroundShare = 0.4
    /// How far above that level a frame must rise to be the speaker's, in dB.
    static let backgroundMargin: Float = 6
    /// The background gate never sits closer than this to the recording's loud end, in dB.
    static let closestGate: Float = 6
    /// With other voices in the room, the level (in dB) a frame must reach to be the speaker's.
    private(set) var backgroundGate: Float?
    /// The recording's signal-to-noise ratio in dB as last refreshed with the gate, nil while unknown.
    private(set) var signalToNoise: Double?

    /// Learns the level of one frame, as soon as it arrives.
    mutating func observe(_ features: FrameFeatures) {
        frames += 1
        if features.isDigitalSilence {
            digitalSilence += 1
        } else {
            levels.add(features.level)
        }
    }

    /// Learns whether one frame looked like speech; `score` is its speech score once frames too
    /// quiet to be the speaker have been set to 0. With `refresh`, the gate is brought up to date
    /// every 25 frames (a percentile costs a pass over the histogram).
    mutating func learn(_ features: FrameFeatures, score: Float, refresh: Bool = true) {
        guard !features.isDigitalSilence else { return }
        if score > Self.speechLikeScore { speechLikeLevels.add(features.level) }
        learnt += 1
        if refresh && learnt % 25 == 0 { refreshGate() }
    }

    /// Brings `backgroundGate` up to date with everything learnt so far.
    mutating func refreshGate() {
        let verdict = reliability
        signalToNoise = verdict.signalToNoise
        backgroundGate =
            verdict.backgroundSpeech
            ? min(
                levels.percentile(Self.backgroundShare) + Self.backgroundMargin,
                levels.percentile(0.95) - Self.closestGate)
            : nil
    }

    /// The level of the room's quiet frames, in dB: the 10th percentile of every frame that is not
    /// digital silence (the noise, where the room is steady).
    var quietLevel: Float { levels.percentile(0.1) }

    /// The verdict on what has been heard so far.
    var reliability: Reliability {
        // Digital silence in a tenth of the recording: no room to judge (a generated or edited file).
        guard frames > 0, levels.count() > 0, Double(digitalSilence) < 0.1 * Double(frames) else {
            return Reliability(signalToNoise: nil, backgroundSpeech: false)
        }
        let quiet = quietLevel
        let quietFrames = levels.count(below: quiet + 3)
        let speechLike = speechLikeLevels.count(below: quiet + 3)
        return Reliability(
            signalToNoise: Double(levels.percentile(0.95) - quiet),
            backgroundSpeech: Double(speechLike) > Self.backgroundSpeechShare * Double(max(1, quietFrames)))
    }
}
