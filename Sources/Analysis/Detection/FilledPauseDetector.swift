/// Finds filled pauses ("uh", "um", "er", "erm") as a vowel held far longer than fluent speech holds
/// one, streaming, one frame at a time.
///
/// A filled pause is a sustained central vowel, optionally closing into a nasal, 0.2 s to over a
/// second long, with stable formants and a flat or slowly falling pitch (Shriberg 1994,
/// "Preliminaries to a theory of speech disfluencies", PhD thesis, UC Berkeley; Audhkhasi et al.
/// 2009, "Formant-based technique for automatic filled-pause detection in spontaneous spoken
/// English", ICASSP). Fluent speech moves its formants every few tens of milliseconds. So a frame
/// is part of a held vowel when it is voiced and its timbre (`Timbre`) has changed by less than
/// `stability` dB over 20 ms, averaged over the 90 ms around it; a run of such frames at least
/// `minimumDuration` long is a filled pause when it is loud enough to be the speaker's and lies in
/// their speech (checked by `SpeechTracker` once the speaker is known).
struct FilledPauseDetector {
    /// A held vowel, in frames, with how stable it was.
    struct Event {
        var frames: ClosedRange<Int>
        /// Mean smoothed timbre change over the run, in dB (lower is steadier).
        var meanChange: Float
        /// The loudest frame, in dB, as `FrameFeatures.intensity`.
        var peak: Float
        /// How fast the intensity changed over the run, in dB per frame (least squares).
        var slope: Float
    }

    /// Frames with at least this share of their power below 1 kHz may hold a vowel.
    static let voicedShare: Float = 0.4
    /// Timbre change is measured between frames this far apart (20 ms).
    static let lag = 2
    /// Frames averaged, centred, into the smoothed change (90 ms).
    static let smoothing = 9
    /// The change given to a frame without a vowel's timbre, in dB: large, but bounded so one
    /// consonant frame does not outweigh the rest of the average.
    static let noVowel: Float = 30

    /// A held vowel whose intensity falls faster than this, in dB per frame (15 dB/s), is the ringing
    /// tail of a word in a reverberant room (RT60 0.6 s decays 1 dB per frame) or a word's ending
    /// dying away, not a filled pause, which a speaker holds at a steady level.
    static let fastestFall: Float = -0.15

    /// Largest smoothed timbre change, in dB per 20 ms, of a held vowel.
    let stability: Float
    /// Shortest run of held-vowel frames that counts.
    let minimumFrames: Int
    private(set) var events: [Event] = []
    /// The last `lag` + 1 frames' timbres, oldest first by `frame % count`.
    private var timbres: [SIMD8<Float>?]
    /// The last `smoothing` frames' changes and intensities.
    private var changes: [Float]
    private var intensities: [Float]
    private var changeSum: Float = 0
    private var frame = 0
    private var run: Run?

    /// A run of held-vowel frames being followed.
    private struct Run {
        var first: Int
        var changeSum: Float = 0
        var peak = -Float.infinity
        /// Sums for the least-squares slope of intensity against frame (x counted from `first`).
        var x: Float = 0, y: Float = 0, xy: Float = 0, xx: Float = 0, count: Float = 0

        mutating func add(change: Float, intensity: Float) {
            let position = count
            changeSum += change
            peak = max(peak, intensity)
            x += position
            y += intensity
            xy += position * intensity
            xx += position * position
            count += 1
        }

        var slope: Float {
            let denominator = count * xx - x * x
            return denominator > 0 ? (count * xy - x * y) / denominator : 0
        }
    }

    init(stability: Float, minimumFrames: Int) {
        self.stability = stability
        self.minimumFrames = minimumFrames
        timbres = Array(repeating: nil, count: Self.lag + 1)
        changes = Array(repeating: Self.noVowel, count: Self.smoothing)
        intensities = Array(repeating: -120, count: Self.smoothing)
        changeSum = Self.noVowel * Float(Self.smoothing)
    }

    /// Takes the next frame's features (frames arrive in order, from 0).
    mutating func process(_ features: FrameFeatures) {
        let slot = frame % timbres.count
        let earlier = timbres[(frame + 1) % timbres.count]  // `lag` frames back
        timbres[slot] = features.timbre
        var change = Self.noVowel
        if let now = features.timbre, let earlier {
            let difference = now - earlier
            change = min(Self.noVowel, ((difference * difference).sum()).squareRoot())
        }
        let ring = frame % Self.smoothing
        changeSum += change - changes[ring]
        changes[ring] = change
        intensities[ring] = features.intensity
        // The frame at the centre of the window now has its smoothed change.
        let centre = frame - Self.smoothing / 2
        frame += 1
        guard centre >= 0 else { return }
        let centreSlot = centre % Self.smoothing
        let smoothed = changeSum / Float(Self.smoothing)
        // Only a voiced frame (one with a timbre) has a change under `noVowel`; a centre frame
        // without a timbre has its own change at `noVowel` and a neighbour's at most.
        if smoothed < stability && changes[centreSlot] < Self.noVowel {
            if run == nil { run = Run(first: centre) }
            run?.add(change: smoothed, intensity: intensities[centreSlot])
        } else {
            close(before: centre)
        }
    }

    /// Ends the audio.
    mutating func finish() {
        close(before: frame - Self.smoothing / 2)
    }

    private mutating func close(before end: Int) {
        guard let current = run else { return }
        run = nil
        let count = end - current.first
        guard count >= minimumFrames else { return }
        // Change is measured against the frame `lag` back, so the held vowel began about half of
        // that before the first stable frame.
        events.append(
            Event(
                frames: max(0, current.first - Self.lag / 2)...(end - 1),
                meanChange: current.changeSum / Float(count), peak: current.peak, slope: current.slope))
    }
}
