/// Tells, live, when a spoken answer has ended: the speaker has said something and has then been
/// silent for `endSilence` seconds. A long silence before the first word never ends an answer (it is
/// the hesitation being rehearsed).
///
/// Unlike `SpeechAnalyzer` it judges each frame as it arrives (no look-ahead), so it answers within
/// a frame or two; it still learns the speaker's level (`SpeakerModel`), so a quieter voice or hiss
/// in the room does not keep an answer open once the speaker has been heard.
public struct AnswerEndDetector {
    /// Seconds of silence after speech that end the answer.
    public let endSilence: Double
    /// Speech shorter than this, in seconds, does not start an answer (a cough, a click, "mm").
    public static let shortestStart = 0.2
    private var frames: FrameAnalyzer
    private var watch: Watch

    /// - Parameter sampleRate: Hz; 8 000 to 384 000.
    public init(sampleRate: Int, endSilence: Double) {
        precondition(sampleRate >= 4_000, "sample rate too low for speech analysis")
        self.endSilence = endSilence
        frames = FrameAnalyzer(sampleRate: sampleRate, measuresVowels: false)
        watch = Watch(
            secondsPerFrame: Double(frames.timing.hop) / Double(frames.timing.sampleRate),
            shortestStart: Self.shortestStart)
    }

    /// Feeds the next samples (full scale ±1).
    public mutating func process(_ samples: UnsafeBufferPointer<Float>) {
        frames.process(samples, into: &watch)
    }

    /// Convenience for arrays.
    public mutating func process(_ samples: [Float]) {
        samples.withUnsafeBufferPointer { process($0) }
    }

    /// True once the speaker has said something.
    public var hasSpoken: Bool { watch.lastSpeech != nil }

    /// True while something like speech is going on (it may yet prove a click).
    public var isSpeaking: Bool { watch.detector.isInSpeech }

    /// Seconds since the speaker last spoke; nil before they have, 0 while they speak.
    public var silenceSinceSpeech: Double? {
        guard let last = watch.lastSpeech else { return nil }
        return watch.detector.isInSpeech ? 0 : Double(watch.frame - 1 - last) * watch.secondsPerFrame
    }

    /// True when the speaker has spoken and then been silent for `endSilence`.
    public var hasEnded: Bool { (silenceSinceSpeech ?? 0) >= endSilence }

    /// The frames, judged as they come.
    struct Watch: FrameConsumer {
        let secondsPerFrame: Double
        var detector: VoiceActivityDetector
        var speaker = SpeakerModel()
        /// The last frame of the latest stretch of speech long enough to count.
        var lastSpeech: Int?
        var frame = 0

        init(secondsPerFrame: Double, shortestStart: Double) {
            self.secondsPerFrame = secondsPerFrame
            detector = VoiceActivityDetector(
                minimumSpeechFrames: max(1, Int((shortestStart / secondsPerFrame).rounded())))
        }

        mutating func consume(frame index: Int, features: FrameFeatures, vowel: VowelSound?) {
            frame = index + 1
            if !features.isDigitalSilence { speaker.learn(features) }
            if case .speech(let speech) = detector.process(frame: index, score: speaker.score(features)) {
                lastSpeech = speech.upperBound
            }
        }
    }
}
