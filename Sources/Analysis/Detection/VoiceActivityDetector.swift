/// Turns per-frame speech scores into stretches of speech, with hysteresis and hangover.
///
/// Speech starts after `onsetFrames` frames in a row score above `onThreshold`; its start is moved
/// back over the frames just before that scored above the lower `offThreshold` (the soft start of
/// a word). It ends once `hangoverFrames` frames in a row score below `offThreshold`, at the last
/// frame above it. Stretches shorter than the minimum speech length, and single loud frames that
/// start none, are bursts: a click, or a stop's release between its closure and the next sound.
struct VoiceActivityDetector {
    /// What a frame ended (first and last frame).
    enum Ending: Equatable {
        case speech(ClosedRange<Int>)
        /// Too short to be speech on its own (see `SpeechTracker.bridged(_:by:minimumPause:)`).
        case burst(ClosedRange<Int>)
    }

    var onThreshold: Float = 4
    var offThreshold: Float = 0.6
    var onsetFrames = 2
    var hangoverFrames = 8
    /// How far back a start may move, in frames.
    var lookback = 8
    let minimumSpeechFrames: Int

    private var inSpeech = false
    private var startFrame = 0
    private var lastActiveFrame = -1
    private var strongRun = 0
    /// Frames in a row that may be a burst (`Ending.burst`), outside speech.
    private var burstRun = 0
    /// In a noisy room, the two-frame mean that makes a frame part of a burst (see `adapt`).
    private var weakBurstThreshold: Float?
    private var quietRun = 0
    private var previousScore: Float = 0
    /// The most recent frame indices that scored above `offThreshold`, for moving starts back.
    private var weakRunStart = -1

    /// True while a stretch of speech is open (it may still be dropped as a click when it ends).
    var isInSpeech: Bool { inSpeech }

    init(minimumSpeechFrames: Int) {
        self.minimumSpeechFrames = minimumSpeechFrames
    }

    /// Follows speech further down into a noisy room's noise, or not. There the weak consonants
    /// inside a word score like the noise (0.2–0.6), and the lower threshold of 0.6 cut phrases into
    /// false pauses and ended every phrase early; at 0.4 they stay speech. The noise's own flicker
    /// crosses 0.4 now and then too, so the hangover is shortened to 6 frames, or a chain of
    /// flickers would carry speech on into a real pause.
    ///
    /// And in a noisy room a few weak frames can be all that is left of a stop's release inside a
    /// phrase: two frames whose mean passes `noisyBurst` are a burst there too, as a frame over the
    /// upper threshold is anywhere.
    mutating func adapt(toNoisyRoom noisy: Bool) {
        offThreshold = noisy ? 0.4 : 0.6
        hangoverFrames = noisy ? 6 : 8
        weakBurstThreshold = noisy ? Self.noisyBurst : nil
    }

    /// In the pauses of white noise 10 dB under the speech, the noise alone passed this two-frame
    /// mean in 0.045 % of frames (0.8: 0.2 %, and two such frames made a true pause vanish).
    static let noisyBurst: Float = 0.9

    /// Feeds one frame. Returns a stretch of speech or a burst when one ends.
    mutating func process(frame index: Int, score: Float) -> Ending? {
        // The lower threshold judges two frames' mean: a single frame of noise flickers above it
        // far more often than two in a row.
        let mean = (score + previousScore) / 2
        let weak = mean > offThreshold
        previousScore = score
        if weak {
            if weakRunStart < 0 { weakRunStart = index }
        } else {
            weakRunStart = -1
        }
        if inSpeech {
            if weak {
                lastActiveFrame = index
                quietRun = 0
            } else {
                quietRun += 1
                if quietRun >= hangoverFrames {
                    inSpeech = false
                    strongRun = 0
                    burstRun = 0
                    return finished(startFrame...lastActiveFrame)
                }
            }
            return nil
        }
        guard score > onThreshold else {
            strongRun = 0
            if let threshold = weakBurstThreshold, mean > threshold {
                burstRun += 1
                return nil
            }
            defer { burstRun = 0 }
            return burstRun > 0 ? .burst(index - burstRun...index - 1) : nil
        }
        strongRun += 1
        burstRun += 1
        if strongRun >= onsetFrames {
            inSpeech = true
            quietRun = 0
            lastActiveFrame = index
            let firstStrong = index - onsetFrames + 1
            startFrame = max(weakRunStart >= 0 ? weakRunStart : firstStrong, firstStrong - lookback)
        }
        return nil
    }

    /// Closes a stretch still open at the end of the audio.
    mutating func finish() -> Ending? {
        guard inSpeech else { return nil }
        inSpeech = false
        return finished(startFrame...lastActiveFrame)
    }

    private func finished(_ frames: ClosedRange<Int>) -> Ending {
        frames.count >= minimumSpeechFrames ? .speech(frames) : .burst(frames)
    }
}
