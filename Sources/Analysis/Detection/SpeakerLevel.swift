/// How loud the speaker is, and how loud the background is, learnt as the audio goes, so that
/// sound far quieter than the speaker (a television in the next room, the faint tail of a word) is
/// not taken for their speech however far it rises above the noise floor.
struct SpeakerLevel {
    /// Frames quieter than the speaker's level by more than this many dB are not speech.
    var range: Float = 40
    /// Frames must also be this many dB louder than the quiet end of the background.
    var backgroundMargin: Float = 8
    /// Frames scoring above this teach the speaker's level.
    var learningScore: Float = 4
    private var speaker = IntensityHistogram()
    private var everything = IntensityHistogram()
    private var frames = 0
    private var learnt = 0
    /// The speaker's loud end (95th percentile of their frames' intensity) in dB, once known.
    private(set) var level: Float?
    /// The quiet end of all frames (20th percentile): in a pause, what the room sounds like.
    private var background: Float?

    /// The frame's speech score, or 0 when the frame is too quiet to be the speaker.
    mutating func gate(_ features: FrameFeatures) -> Float {
        frames += 1
        everything.add(features.intensity)
        if features.speechScore > learningScore {
            speaker.add(features.intensity)
            learnt += 1
        }
        // Percentiles cost a pass over 400 bins: refresh them every 25 frames, not every frame.
        if frames % 25 == 0 {
            if learnt >= 20 { level = speaker.percentile(0.95) }
            if frames >= 100 { background = everything.percentile(0.2) }
        }
        if let level, features.intensity < level - range { return 0 }
        if let background, features.intensity < background + backgroundMargin { return 0 }
        return features.speechScore
    }
}
