/// How loud the speaker is, learnt from the frames that clearly hold speech, so that sound far
/// quieter than the speaker (a television in the next room, the faint tail of a word) is not taken
/// for their speech however far it rises above the noise floor.
struct SpeakerLevel {
    /// Frames quieter than the speaker's level by more than this many dB are not speech.
    var range: Float = 40
    /// Frames scoring above this teach the level.
    var learningScore: Float = 4
    private var histogram = IntensityHistogram()
    private var learnt = 0
    /// The speaker's loud end (95th percentile of their frames' intensity) in dB, once known.
    private(set) var level: Float?

    /// The frame's speech score, or 0 when the frame is too quiet to be the speaker.
    mutating func gate(_ features: FrameFeatures) -> Float {
        if features.speechScore > learningScore {
            histogram.add(features.intensity)
            learnt += 1
            // A percentile costs a pass over 400 bins: refresh it every 25 frames, not every frame.
            if learnt >= 20 && learnt % 25 == 20 { level = histogram.percentile(0.95) }
        }
        if let level, features.intensity < level - range { return 0 }
        return features.speechScore
    }
}
